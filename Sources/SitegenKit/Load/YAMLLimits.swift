/// Limits on the YAML sitegen reads, checked before parsing: a hostile file must fail cleanly,
/// not hang the build or exhaust memory.
///
/// - Size: front matter, issue.yml and site.yml are a few lines; 256 KB is far beyond any real one.
/// - Anchors (`&name`) and aliases (`*name`): nothing in Content needs them, and an alias to a
///   nested list used as a mapping key makes the YAML library hash an exponentially large tree
///   (a "billion laughs" document never finishes). Without anchors, an alias is an error already.
///   libyaml itself caps nesting at 1,000 levels.
enum YAMLLimits {
    static let maximumBytes = 256 * 1024

    static func check(_ yaml: String, path: String, firstLine: Int) throws(SitegenError) {
        if yaml.utf8.count > maximumBytes {
            throw SitegenError(path: path, line: firstLine,
                               "its YAML is \(yaml.utf8.count / 1024) KB; sitegen reads at most \(maximumBytes / 1024) KB of YAML",
                               fix: "keep only the fields sitegen knows (see the README's Content format)")
        }
        if let line = firstAnchorLine(yaml) {
            throw SitegenError(path: path, line: line + firstLine - 1,
                               "uses a YAML anchor (`&name`), which sitegen does not accept",
                               fix: "write the value out instead of using & and *; quote text that starts with & (`title: \"&…\"`)")
        }
    }

    /// The line of the first `&anchor` YAML would see, or nil. A small scanner: it skips quoted
    /// text, comments, and block scalars (`|`, `>`), and only looks where a value can start
    /// (line start, after `- `, `? `, `: `, and `[`, `{`, `,` in flow collections), which is
    /// the only place YAML reads `&` as an anchor.
    static func firstAnchorLine(_ yaml: String) -> Int? {
        var quote: UInt8?            // inside '…' or "…", possibly over several lines
        var blockIndent: Int?        // inside a block scalar: lines indented beyond this are text
        var flowDepth = 0
        var lineNumber = 0
        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let bytes = Array(line)
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            if let block = blockIndent {
                if indent == bytes.count || indent > block { continue }
                blockIndent = nil
            }
            var index = 0
            var valueStart = quote == nil   // at a place where a node may begin
            var afterSpace = true
            while index < bytes.count {
                let byte = bytes[index]
                let next = index + 1 < bytes.count ? bytes[index + 1] : nil
                let nextIsBlank = next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
                if let open = quote {
                    if open == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") { index += 2; continue }
                    if byte == open {
                        if open == UInt8(ascii: "'") && next == open { index += 2; continue }
                        quote = nil
                    }
                    index += 1
                    continue
                }
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    afterSpace = true
                    index += 1
                    continue
                case UInt8(ascii: "#") where afterSpace:
                    index = bytes.count
                    continue
                case UInt8(ascii: "&") where valueStart && !nextIsBlank:
                    return lineNumber
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if valueStart { quote = byte }
                    valueStart = false
                case UInt8(ascii: "-") where valueStart && nextIsBlank, UInt8(ascii: "?") where valueStart && nextIsBlank:
                    break   // a list item or explicit key: a value may follow
                case UInt8(ascii: ":") where nextIsBlank || flowDepth > 0:
                    valueStart = true
                    afterSpace = false
                    index += 1
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if valueStart || flowDepth > 0 { flowDepth += 1; valueStart = true; afterSpace = false; index += 1; continue }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flowDepth > 0 { flowDepth -= 1 }
                    valueStart = false
                case UInt8(ascii: ","):
                    valueStart = flowDepth > 0
                    afterSpace = false
                    index += 1
                    continue
                case UInt8(ascii: "|") where valueStart && flowDepth == 0, UInt8(ascii: ">") where valueStart && flowDepth == 0:
                    blockIndent = indent
                    index = bytes.count
                    continue
                case UInt8(ascii: "!") where valueStart:
                    // A tag (`!!str &a x`): skip it, a value still follows.
                    while index < bytes.count, bytes[index] != UInt8(ascii: " ") { index += 1 }
                    continue
                default:
                    valueStart = false
                }
                afterSpace = false
                index += 1
            }
        }
        return nil
    }
}
