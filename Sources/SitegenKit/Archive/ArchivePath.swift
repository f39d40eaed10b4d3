/// The archive's one path scheme, alike in Content and in the published site: an issue's folder
/// is `2018/07/19`, a page's `2018/07/19/03`, an article's file `2018/07/19/03/05` with the tree's
/// extension. Every path of that shape is made and read here (loader, scanner, placer, checker).
package struct ArchivePath: Sendable, Equatable {
    /// Where the path lies: the files each kind has in Content and in the site.
    package struct Tree: Sendable, Equatable {
        /// An issue's own file: `issue.yml` in Content, `index.html` in the site.
        package let issueFile: String
        /// A page's own file (the site's `index.html`); Content has none.
        package let pageFile: String?
        /// An article's file extension, with its dot.
        package let articleExtension: String

        package static let content = Tree(issueFile: "issue.yml", pageFile: nil, articleExtension: ".md")
        package static let site = Tree(issueFile: "index.html", pageFile: "index.html", articleExtension: ".html")
    }

    package enum Kind: Sendable {
        case issue, page, article
        package var name: String { self == .issue ? "issue" : self == .page ? "page" : "article" }
    }

    package let path: String
    package let kind: Kind
    /// `2018/07/19`
    package let issue: String
    /// The folder the file lies in: the page's (`2018/07/19/03`), or the issue's for its own file.
    package let folder: String
    /// Nil when the folders' numbers are no calendar day (2018/02/30).
    package let date: IssueDate?
    /// The page's folder read as a 版次, for pages and articles; nil when it is none.
    package let page: PageLabel?
    /// The article's position on its page: its file name's number; nil when it is none.
    package let position: Int?

    /// Reads `path`, relative to the root of `tree`; nil when it is not of the scheme's shape.
    package init?(_ path: String, in tree: Tree) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, Self.isNumber(parts[0], digits: 4),
            Self.isNumber(parts[1], digits: 2),
            Self.isNumber(parts[2], digits: 2)
        else { return nil }
        let name = parts[parts.count - 1]
        switch parts.count {
        case 4 where name == tree.issueFile:
            kind = .issue
            position = nil
        case 5 where tree.pageFile.map { name == $0 } == true:
            kind = .page
            position = nil
        case 5 where name.hasSuffix(tree.articleExtension):
            kind = .article
            position = Int(name.dropLast(tree.articleExtension.count))
        default: return nil
        }
        self.path = path
        // The parts' own spans of `path`: no joining (the loader reads every article's path).
        issue = String(path[parts[0].startIndex..<parts[2].endIndex])
        folder = String(path[parts[0].startIndex..<parts[parts.count - 2].endIndex])
        date = IssueDate(year: Int(parts[0])!, month: Int(parts[1])!, day: Int(parts[2])!)
        page = parts.count == 5 ? PageLabel(String(parts[3])) : nil
    }

    private static func isNumber(_ part: Substring, digits: Int) -> Bool {
        part.utf8.count == digits && part.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `2018/07/19`
    package static func issueFolder(_ date: IssueDate) -> String { date.path }
    /// `2018/07/19/03`
    package static func pageFolder(_ date: IssueDate, _ page: PageLabel) -> String { "\(date.path)/\(page.path)" }
    /// `2018/07/19/issue.yml` in Content, `2018/07/19/index.html` in the site.
    package static func issueFile(_ date: IssueDate, in tree: Tree) -> String { "\(date.path)/\(tree.issueFile)" }
    /// `2018/07/19/03/index.html`: the site's page view (Content has no file of a page's own).
    package static func pageFile(_ date: IssueDate, _ page: PageLabel) -> String {
        "\(pageFolder(date, page))/\(Tree.site.pageFile!)"
    }
    /// `2018/07/19/03/05.md` in Content, `2018/07/19/03/05.html` in the site.
    package static func article(_ slot: Article.Slot, in tree: Tree) -> String {
        "\(pageFolder(slot.date, slot.page))/\(articleFile(slot.order, in: tree))"
    }
    /// `05.md` in Content, `05.html` in the site: the file of the article at a position on its page.
    package static func articleFile(_ position: Int, in tree: Tree) -> String {
        ArchivePath.padded(position) + tree.articleExtension
    }
}

extension ArchivePath {
    private static let twoDigits = (0..<100).map { $0 < 10 ? "0\($0)" : String($0) }

    /// A number as the path scheme writes it, zero-padded: `07` (a month, a day, a 版次, a
    /// position on the page), `2018` with width 4.
    static func padded(_ value: Int, _ width: Int = 2) -> String {
        // Paths of every page are made from these on every build: the common case without allocating.
        if width == 2, value >= 0, value < 100 { return twoDigits[value] }
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
