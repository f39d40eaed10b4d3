/// The date of one issue of the paper: a calendar day, without time zone.
public struct IssueDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil for impossible dates (2018-02-30, month 13, year 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...IssueDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (as written in front matter and issue.yml).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: IssueDate, b: IssueDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 0 = Sunday … 6 = Saturday (Sakamoto's method; proleptic Gregorian calendar).
    public var weekday: Int {
        IssueDate.weekday(year: year, month: month, day: day)
    }

    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    /// 2018-07-19
    public var description: String { iso }
    public var iso: String { "\(ArchivePath.padded(year, 4))-\(ArchivePath.padded(month))-\(ArchivePath.padded(day))" }
    /// 2018/07/19 — the issue's folder, in Content and in Public.
    public var path: String { "\(ArchivePath.padded(year, 4))/\(ArchivePath.padded(month))/\(ArchivePath.padded(day))" }
    /// 星期四
    public var chineseWeekday: String { "星期" + ["日", "一", "二", "三", "四", "五", "六"][weekday] }
    /// The weekday a paper prints (星期四, 周四, 礼拜四; 日 and 天 both Sunday), as `weekday`
    /// numbers it; nil for any other text.
    public static func weekday(printed text: String) -> Int? {
        let bare = text.filter { !$0.isWhitespace }
        guard let prefix = printedWeekdayPrefixes.first(where: { bare.hasPrefix($0) }), bare.count == prefix.count + 1,
            let last = bare.last
        else { return nil }
        return printedWeekdayDays[last]
    }

    /// What precedes the day in a printed weekday, longest first.
    package static let printedWeekdayPrefixes = ["星期", "礼拜", "周"]
    package static let printedWeekdayDays: [Character: Int] = [
        "日": 0, "天": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    ]

    /// 2018年7月19日
    public var chineseDate: String { "\(year)年\(month)月\(day)日" }
    /// 2018年7月19日 星期四, as the paper prints it.
    public var chineseDisplay: String { "\(chineseDate) \(chineseWeekday)" }

    /// The next calendar day.
    public var next: IssueDate {
        if let d = IssueDate(year: year, month: month, day: day + 1) { return d }
        if let d = IssueDate(year: year, month: month + 1, day: 1) { return d }
        return IssueDate(year: year + 1, month: 1, day: 1) ?? self
    }

}

extension IssueDate {
    /// The date as one word (20180719; 0 for no date), for fingerprints that fold words in one step.
    static func word(_ date: IssueDate?) -> UInt64 {
        date.map { UInt64($0.year * 10_000 + $0.month * 100 + $0.day) } ?? 0
    }
}

extension StableHash {
    /// A date as its numbers: fingerprints name thousands of dates, and `iso` makes a string.
    mutating func combine(_ date: IssueDate?) {
        combine(present: date) { hash, date in
            hash.combine(date.year)
            hash.combine(date.month)
            hash.combine(date.day)
        }
    }
}
