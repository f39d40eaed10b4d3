import SitegenKit

/// What an e-paper address says about the page it points at: the issue date, the 版次 and the
/// article's position on its page, each when the address carries it. Text printed on the page
/// wins over all of these: addresses often number 版 by the site's own sequence (商洛日报's
/// `content_20160318007004` is on the printed 04版), so the address only fills what the text leaves open.
struct AddressPlace: Equatable {
    var date: IssueDate?
    var page: PageLabel?
    var position: Int?
}

/// The address schemes e-paper systems use, each read once in its general form. Examples of every
/// scheme are in IngestAddressSchemeTests.
enum AddressSchemes {
    struct Scheme: Sendable {
        /// Who uses it and what it looks like.
        var name: String
        var read: @Sendable (_ file: String, _ path: String) -> AddressPlace?
    }

    static let table: [Scheme] = [
        // Founder (方正) dated article names: content_ YYYYMMDD PPP AAA .htm (延安日报, 商洛日报).
        Scheme(name: "content_YYYYMMDDPPPAAA") { file, _ in
            let digits = digitsAfter("content_", in: file)
            guard digits.count == 14 else { return nil }
            return AddressPlace(
                date: date(digits.prefix(8)), page: page(digits.dropFirst(8).prefix(3)),
                position: Int(digits.suffix(3)))
        },
        // gmw.cn: nw.D110000gmrb_YYYYMMDD_A-PP.htm — article A on 版 PP.
        Scheme(name: "_YYYYMMDD_A-PP") { file, _ in
            let parts = stem(file).split(separator: "_")
            guard parts.count >= 3, let last = parts.last, let dash = last.firstIndex(of: "-"),
                let day = date(parts[parts.count - 2])
            else { return nil }
            return AddressPlace(date: day, page: page(last[last.index(after: dash)...]), position: Int(last[..<dash]))
        },
        // Old Founder: ArticelB06003EL.htm (sic) or ArticleB06003.htm — 版 B06, article 003.
        Scheme(name: "ArticelPPAAA") { file, _ in
            for prefix in ["Articel", "Article"] where file.hasPrefix(prefix) {
                let code = file.dropFirst(prefix.count)
                let letters = code.prefix { $0.isASCII && $0.isLetter }
                let digits = code.dropFirst(letters.count).prefix { $0.isASCIIDigit }
                guard letters.count <= 2, digits.count == 5 else { return nil }
                return AddressPlace(page: page(letters + digits.prefix(2)), position: Int(digits.suffix(3)))
            }
            return nil
        },
        // news-P-A.html: 版 P, article A (county systems such as 浮山县's).
        Scheme(name: "news-P-A") { file, _ in
            let parts = stem(file).split(separator: "-")
            guard parts.count == 3, parts[0] == "news", let position = Int(parts[2]) else { return nil }
            return AddressPlace(page: page(parts[1]), position: position)
        },
        // page_PP_content_AAA.htm (陕西农村报's system).
        Scheme(name: "page_PP_content_AAA") { file, _ in
            let parts = stem(file).split(separator: "_")
            guard parts.count == 4, parts[0] == "page", parts[2] == "content", let position = Int(parts[3]) else {
                return nil
            }
            return AddressPlace(page: page(parts[1]), position: position)
        },
        // …/YYYY/MM/DD/RB01/story/N.shtml: the 版 is the folder before story/ (鹤壁日报's system).
        Scheme(name: "YYYY/MM/DD/PP/story/") { _, path in
            let parts = path.split(separator: "/")
            guard let story = parts.lastIndex(of: "story"), story >= 4 else { return nil }
            let day = date(parts[story - 4] + parts[story - 3] + parts[story - 2])
            return AddressPlace(date: day, page: page(parts[story - 1]))
        },
        // Founder page views: …/layout/YYYYMM/DD/node_PP.html (classic node_N.htm numbers are not 版次).
        Scheme(name: "layout/…/node_PP") { file, path in
            guard path.contains("/layout/"), file.hasPrefix("node_") else { return nil }
            return AddressPlace(page: page(digitsAfter("node_", in: file)))
        },
    ]

    /// What `url` says, scheme first, then any date its folders carry.
    static func place(of url: String) -> AddressPlace {
        let path = String(url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let file = String(path.split(separator: "/").last ?? "")
        var place = table.lazy.compactMap { $0.read(file, path) }.first ?? AddressPlace()
        if place.date == nil { place.date = DateText.fromURL(path) }
        return place
    }

    private static func stem(_ file: String) -> Substring {
        file.lastIndex(of: ".").map { file[..<$0] } ?? Substring(file)
    }

    private static func digitsAfter(_ prefix: String, in file: String) -> Substring {
        guard file.hasPrefix(prefix) else { return "" }
        return file.dropFirst(prefix.count).prefix { $0.isASCIIDigit }
    }

    private static func date<S: StringProtocol>(_ digits: S) -> IssueDate? {
        let chars = Array(digits)
        guard chars.count == 8, chars.allSatisfy(\.isASCIIDigit), let year = Int(String(chars[0..<4])),
            let month = Int(String(chars[4..<6])), let day = Int(String(chars[6..<8])), (1900...2200).contains(year)
        else { return nil }
        return IssueDate(year: year, month: month, day: day)
    }

    /// `002` → 2, `B06` → B6, `RB01` → RB1 (PageLabel's rules: nil for 0 and anything else).
    private static func page<S: StringProtocol>(_ text: S) -> PageLabel? { PageLabel(String(text)) }
}
