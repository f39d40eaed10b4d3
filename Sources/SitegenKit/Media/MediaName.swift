/// The files beside a page's articles that are not text (docs/content-format.md, 版面图):
/// `page.jpg` (or .jpeg/.png/.webp), the page's scan; `page.pdf`, its PDF; `<NN>-<K>.jpg`, photo
/// K of the article at position NN.
enum MediaName: Equatable, Sendable {
    case scan(ext: String)
    case pdf
    case photo(order: Int, number: Int, ext: String)

    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    init?(_ name: String) {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let stem = name[..<dot]
        let ext = name[name.index(after: dot)...].lowercased()
        if stem == "page" {
            if ext == "pdf" {
                self = .pdf
                return
            }
            guard Self.imageExtensions.contains(ext) else { return nil }
            self = .scan(ext: ext)
            return
        }
        guard Self.imageExtensions.contains(ext) else { return nil }
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let order = Int(parts[0]), let number = Int(parts[1]), order > 0, number > 0
        else { return nil }
        self = .photo(order: order, number: number, ext: ext)
    }

    /// The extension the site's copy gets: JPEG, PNG and WebP stay as they are (`jpeg` → `jpg`).
    static func outputExtension(_ ext: String) -> String { ext == "jpeg" ? "jpg" : ext }
}

/// One media file of Content, where it lies: `2018/07/19/03/page.jpg`.
struct MediaFile: Sendable, Hashable {
    let relative: String
    let date: IssueDate
    let page: PageLabel
    let name: MediaName
    let stamp: ContentCache.Stamp?

    /// A media file lies in a page's folder, `YYYY/MM/DD/<page>/<name>`; elsewhere a file with such a name is not one.
    init?(relative: String, stamp: ContentCache.Stamp?) {
        let parts = relative.split(separator: "/")
        guard parts.count == 5, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = IssueDate(year: year, month: month, day: day),
            let page = PageLabel(String(parts[3])), let name = MediaName(String(parts[4]))
        else { return nil }
        self.relative = relative
        self.date = date
        self.page = page
        self.name = name
        self.stamp = stamp
    }

    static func == (a: MediaFile, b: MediaFile) -> Bool { a.relative == b.relative && a.stamp == b.stamp }
    func hash(into hasher: inout Hasher) { hasher.combine(relative) }
}
