/// Splits an article file into its YAML front matter and its Markdown body.
struct FrontMatter {
    var yaml: String
    /// Line of the file the YAML starts on.
    var yamlFirstLine: Int
    var body: String

    /// Front matter sits between a first line `---` and the next line `---` (or `...`).
    static func split(_ text: String, path: String) throws(SitegenError) -> FrontMatter {
        var lineStart = text.startIndex
        var yamlStart: String.Index?
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let line = text[lineStart..<lineEnd].trimmingCharacters(in: .whitespaces)
            let nextStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            if let start = yamlStart {
                if line == "---" || line == "..." {
                    return FrontMatter(yaml: String(text[start..<lineStart]), yamlFirstLine: 2,
                                       body: String(text[nextStart...]))
                }
            } else if line == "---" {
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
}

import Foundation
