/// Splits an article file into its YAML front matter and its Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line of the file the YAML starts on.
    var yamlFirstLine: Int
    var body: String

    /// Front matter sits between a first line `---` and the next line `---` (or `...`).
    /// Scans UTF-8 bytes: this runs once per article on every cold build.
    static func split(_ text: String, path: String) throws(SitegenError) -> FrontMatter {
        let bytes = Array(text.utf8)
        var lineStart = 0
        var yamlStart: Int?
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let nextStart = min(lineEnd + 1, bytes.count)
            let marker = Self.marker(bytes[lineStart..<lineEnd])
            if let start = yamlStart {
                if marker == "---" || marker == "..." {
                    return FrontMatter(yaml: String(decoding: bytes[start..<lineStart], as: UTF8.self), yamlFirstLine: 2,
                                       body: String(decoding: bytes[nextStart...], as: UTF8.self))
                }
            } else if marker == "---" {
                yamlStart = nextStart
            } else {
                break
            }
            lineStart = nextStart
        }
        if yamlStart == nil {
            throw SitegenError(path: path, line: 1, "has no front matter: the first line must be `---`",
                               fix: "start the file with `---`, the fields (title, date, page, order), then `---`, then the article")
        }
        throw SitegenError(path: path, line: 1, "front matter is never closed (no second `---` line)",
                           fix: "add a line `---` after the last field, before the article text")
    }

    /// `---` or `...` when the line is one of those (trailing spaces allowed), else nil.
    private static func marker(_ line: ArraySlice<UInt8>) -> String? {
        var end = line.endIndex
        while end > line.startIndex, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let trimmed = line[line.startIndex..<end]
        guard trimmed.count == 3 else { return nil }
        if trimmed.allSatisfy({ $0 == 0x2D }) { return "---" }
        if trimmed.allSatisfy({ $0 == 0x2E }) { return "..." }
        return nil
    }
}
