// libyaml, through Yams (which builds it as its CYaml module), for its token scanner.
import CYaml

/// Limits on the YAML sitegen reads, checked before parsing: a hostile file must fail cleanly,
/// not hang the build or exhaust memory.
///
/// - Size: front matter, issue.yml and site.yml are a few lines; 256 KB is far beyond any real one.
/// - Anchors (`&name`) and aliases (`*name`): nothing in Content needs them, and an alias to a
///   nested list used as a mapping key makes the YAML library hash an exponentially large tree
///   (a "billion laughs" document never finishes).
/// - Nesting: libyaml's parser stops at 1,000 levels.
enum YAMLLimits {
    static let maximumBytes = 256 * 1024

    static func check(_ yaml: String, path: String, firstLine: Int) throws(SitegenError) {
        if yaml.utf8.count > maximumBytes {
            throw SitegenError(
                path: path, line: firstLine,
                "its YAML is \(yaml.utf8.count / 1024) KB; sitegen reads at most \(maximumBytes / 1024) KB of YAML",
                fix: "keep only the fields sitegen knows (see docs/content-format.md)")
        }
        if let line = firstAnchorLine(yaml) {
            throw SitegenError(
                path: path, line: line + firstLine - 1,
                "uses a YAML anchor or alias (`&name`, `*name`), which sitegen does not accept",
                fix:
                    "write the value out instead of using & and *; quote text that starts with & or * (`title: \"&…\"`)"
            )
        }
    }

    /// libyaml's parser refuses deeper nesting; the scan stops there too (its cost grows with depth).
    static let maximumDepth = 1_000

    /// The line of the first anchor or alias, as libyaml's own scanner (the one Yams parses
    /// with) tokenises the text, or nil. Scanning builds nothing; it stops at a syntax error or
    /// past the nesting limit, which parsing then reports (and never gets past either).
    static func firstAnchorLine(_ yaml: String) -> Int? {
        var text = yaml
        return text.withUTF8 { bytes -> Int? in
            // An anchor starts with `&`, an alias with `*`: text with neither has none, and most
            // front matter is such text, which then need not be scanned before it is parsed.
            guard bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var token = yaml_token_t()
            var depth = 0
            while yaml_parser_scan(&parser, &token) == 1 {
                let type = token.type
                let line = Int(token.start_mark.line) + 1
                yaml_token_delete(&token)
                switch type {
                case YAML_ANCHOR_TOKEN, YAML_ALIAS_TOKEN: return line
                case YAML_STREAM_END_TOKEN: return nil
                case YAML_FLOW_SEQUENCE_START_TOKEN, YAML_FLOW_MAPPING_START_TOKEN,
                    YAML_BLOCK_SEQUENCE_START_TOKEN, YAML_BLOCK_MAPPING_START_TOKEN:
                    depth += 1
                    if depth > maximumDepth { return nil }
                case YAML_FLOW_SEQUENCE_END_TOKEN, YAML_FLOW_MAPPING_END_TOKEN, YAML_BLOCK_END_TOKEN:
                    depth -= 1
                default: continue
                }
            }
            return nil
        }
    }
}
