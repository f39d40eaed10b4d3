/// Splits an article file into its YAML front matter and its Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line of the file the YAML starts on.
    var yamlFirstLine: Int
    var body: String

    /// Front matter sits between a first line `---` and the next line `---` (or `...`).
    /// Scans the text's UTF-8 bytes in place (`parts`) and cuts the parts at line starts, which are
    /// always character boundaries: no second UTF-8 check.
    static func split(_ text: String, path: String) throws(SitegenError) -> FrontMatter {
        var text = text
        let found = try text.withUTF8 { bytes in Result { () throws(SitegenError) in try parts(of: bytes, path: path) }
        }
        .get()
        let utf8 = text.utf8
        let yaml = utf8.index(utf8.startIndex, offsetBy: found.yaml)
        let close = utf8.index(utf8.startIndex, offsetBy: found.close)
        let body = utf8.index(utf8.startIndex, offsetBy: found.body)
        return FrontMatter(yaml: String(text[yaml..<close]), yamlFirstLine: 2, body: String(text[body...]))
    }

    /// Byte offsets of the YAML's start, its closing line's start and the body's start in a file's
    /// UTF-8 (`split` without the copies: a body read again for a page takes its bytes from here).
    static func parts(of bytes: UnsafeBufferPointer<UInt8>, path: String) throws(SitegenError) -> (
        yaml: Int, close: Int, body: Int
    ) {
        var lineStart = 0
        var yamlStart: Int?
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let nextStart = min(lineEnd + 1, bytes.count)
            let marker = Self.marker(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            if let start = yamlStart {
                if marker != nil { return (start, lineStart, nextStart) }
            } else if marker == .dashes {
                yamlStart = nextStart
            } else {
                break
            }
            lineStart = nextStart
        }
        if yamlStart == nil {
            throw SitegenError(
                path: path, line: 1, "has no front matter: the first line must be `---`",
                fix: "start the file with `---`, the fields (title, date, page, order), then `---`, then the article")
        }
        throw SitegenError(
            path: path, line: 1, "front matter is never closed (no second `---` line)",
            fix: "add a line `---` after the last field, before the article text")
    }

    private enum Marker { case dashes, dots }

    /// `---` or `...` when the line is one of those (trailing spaces allowed), else nil.
    private static func marker(_ line: UnsafeBufferPointer<UInt8>) -> Marker? {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        guard end == 3 else { return nil }
        if line[0] == 0x2D && line[1] == 0x2D && line[2] == 0x2D { return .dashes }
        if line[0] == 0x2E && line[1] == 0x2E && line[2] == 0x2E { return .dots }
        return nil
    }
}
