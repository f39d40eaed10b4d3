import SitegenKit

/// Finds issue dates the way e-paper pages print them: `2018年7月19日`, `2024年09月12日`,
/// `2025.12.22`, `2019-10-12`, `2012/10/27`, and in addresses (`html/2018-07/19/`,
/// `pc/202412/10/`, `_20121027_2-06`).
enum DateText {
    struct Match {
        var date: IssueDate
        /// Character offsets of the date in the line.
        var range: Range<Int>
    }

    /// Every date written out in `text`, in order.
    static func matches(in text: String) -> [Match] {
        let chars = Array(text)
        var found: [Match] = []
        var index = 0
        while index < chars.count {
            guard chars[index].isASCIIDigit, index == 0 || !chars[index - 1].isASCIIDigit,
                let match = match(chars, at: index)
            else {
                index += 1
                continue
            }
            found.append(match)
            index = match.range.upperBound
        }
        return found
    }

    static func first(in text: String) -> IssueDate? { matches(in: text).first?.date }

    /// The weekday printed in a date line (`2018年7月19日 星期四` → 星期四, also 周四 and
    /// 礼拜四), as printed; nil when there is none or it is left empty (`星期`).
    static func weekday(in text: String) -> String? {
        let chars = Array(text)
        for start in chars.indices {
            for prefix in IssueDate.printedWeekdayPrefixes where chars[start...].starts(with: prefix) {
                var end = start + prefix.count
                while end < chars.count, chars[end] == " " || chars[end] == "\u{3000}" { end += 1 }
                guard end < chars.count, IssueDate.printedWeekdayDays[chars[end]] != nil else { continue }
                return prefix + String(chars[end])
            }
        }
        return nil
    }

    /// A date starting at `start`: 4-digit year, then 年/-/./ separators, month, day (日 closes the 年 form).
    private static func match(_ chars: [Character], at start: Int) -> Match? {
        var cursor = start
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while cursor < chars.count, chars[cursor] == " " { cursor += 1 }
            while cursor < chars.count, digits < maxDigits, let digit = chars[cursor].wholeNumberValue,
                chars[cursor].isASCIIDigit
            {
                value = value * 10 + digit
                digits += 1
                cursor += 1
            }
            while cursor < chars.count, chars[cursor] == " ", digits > 0, cursor + 1 < chars.count,
                !chars[cursor + 1].isASCIIDigit
            { cursor += 1 }
            if cursor < chars.count, chars[cursor].isASCIIDigit { return nil }
            return digits > 0 ? value : nil
        }
        guard let year = number(maxDigits: 4), cursor - start >= 4, cursor < chars.count else { return nil }
        let separator = chars[cursor]
        guard ["年", "-", ".", "/"].contains(separator) else { return nil }
        cursor += 1
        guard let month = number(maxDigits: 2), cursor < chars.count else { return nil }
        let expected: Character = separator == "年" ? "月" : separator
        guard chars[cursor] == expected else { return nil }
        cursor += 1
        guard let day = number(maxDigits: 2) else { return nil }
        if separator == "年" {
            guard cursor < chars.count, chars[cursor] == "日" || chars[cursor] == "号" else { return nil }
            cursor += 1
        }
        guard (1900...2200).contains(year), let date = IssueDate(year: year, month: month, day: day) else { return nil }
        return Match(date: date, range: start..<cursor)
    }

    /// The issue date an e-paper address carries, if any.
    static func fromURL(_ url: String) -> IssueDate? {
        let runs = digitRuns(url)
        for (offset, run) in runs.enumerated() {
            let next = offset + 1 < runs.count ? runs[offset + 1] : nil
            let afterNext = offset + 2 < runs.count ? runs[offset + 2] : nil
            switch run.digits.count {
            case 8:
                if let date = date(run.digits, 0, 4, 6, 8) { return date }
            case 6:
                if let next, run.separatorAfter == "/", next.digits.count == 2,
                    let date = date(run.digits + next.digits, 0, 4, 6, 8)
                {
                    return date
                }
            case 4:
                // 2016/02/03/ as folders.
                if let next, let afterNext, run.separatorAfter == "/", next.separatorAfter == "/",
                    next.digits.count == 2,
                    afterNext.digits.count == 2,
                    let date = date(run.digits + next.digits + afterNext.digits, 0, 4, 6, 8)
                {
                    return date
                }
                if let next, let afterNext, run.separatorAfter == "-", next.digits.count == 2,
                    next.separatorAfter == "/" || next.separatorAfter == "-", afterNext.digits.count == 2,
                    let date = date(run.digits + next.digits + afterNext.digits, 0, 4, 6, 8)
                {
                    return date
                }
            default:
                break
            }
        }
        return nil
    }

    struct DigitRun {
        var digits: String
        var separatorAfter: Character?
    }

    static func digitRuns(_ text: String) -> [DigitRun] {
        var runs: [DigitRun] = []
        var current = ""
        for char in text {
            if char.isASCIIDigit {
                current.append(char)
            } else {
                if !current.isEmpty { runs.append(DigitRun(digits: current, separatorAfter: char)) }
                current = ""
            }
        }
        if !current.isEmpty { runs.append(DigitRun(digits: current, separatorAfter: nil)) }
        return runs
    }

    private static func date(_ digits: String, _ y: Int, _ m: Int, _ d: Int, _ end: Int) -> IssueDate? {
        let chars = Array(digits)
        guard chars.count == end, let year = Int(String(chars[y..<m])), let month = Int(String(chars[m..<d])),
            let day = Int(String(chars[d..<end])), (1900...2200).contains(year)
        else { return nil }
        return IssueDate(year: year, month: month, day: day)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    /// Han ideographs (the names, titles and body of a Chinese page).
    var isHan: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
