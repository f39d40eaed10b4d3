import Foundation
import Yams

/// Typed, line-aware access to a YAML mapping (front matter, issue.yml, site.yml), so every
/// complaint names the line the editor has to fix.
struct YAMLFields {
    let path: String
    /// Line in the file where the YAML text starts (front matter starts on line 2).
    let firstLine: Int
    /// Each key's value and the line the key is on.
    private let entries: [String: (line: Int, value: YAMLValue)]
    /// Line of the mapping itself, for "missing field" messages.
    let line: Int
    /// Which reader parsed the text (tests check that ordinary front matter takes the fast one).
    let reader: Reader

    enum Reader { case simple, yams }

    /// Parses `yaml` as a mapping. Empty text is an empty mapping.
    init(yaml: String, path: String, firstLine: Int = 1) throws(SitegenError) {
        // The simple form has no anchors or aliases, so of the limits only the size applies to it.
        if yaml.utf8.count <= YAMLLimits.maximumBytes, let value = SimpleYAML.mapping(yaml) {
            try self.init(value: value, path: path, firstLine: firstLine, reader: .simple)
            return
        }
        try YAMLLimits.check(yaml, path: path, firstLine: firstLine)
        let node: Node?
        do {
            // Every value is read as text (sitegen checks dates and numbers itself), so no tag rules:
            // they cost a regular expression per value. Naming the encoding spares Yams a look at
            // the environment on every call.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw Self.describe(error, path: path, firstLine: firstLine)
        } catch {
            throw SitegenError(path: path, line: firstLine, "is not valid YAML: \(error)")
        }
        try self.init(value: node.map(YAMLValue.init), path: path, firstLine: firstLine, reader: .yams)
    }

    init(value: YAMLValue?, path: String, firstLine: Int, reader: Reader) throws(SitegenError) {
        self.path = path
        self.firstLine = firstLine
        self.line = firstLine
        self.reader = reader
        guard let value else {
            entries = [:]
            return
        }
        guard case .mapping(let mapping, _) = value else {
            throw SitegenError(
                path: path, line: Self.line(of: value, firstLine: firstLine),
                "should be a list of `key: value` lines",
                fix: "write one field per line, such as `title: 标题`")
        }
        var entries: [String: (line: Int, value: YAMLValue)] = [:]
        for entry in mapping {
            entries[entry.key] = (entry.line + firstLine - 1, entry.value)
        }
        self.entries = entries
    }

    func lineOf(_ key: String) -> Int { entries[key]?.line ?? line }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// A text field as `FieldText` cleans it; nil when absent or showing nothing (`key:`, `key: ""`).
    func string(_ key: String) throws(SitegenError) -> String? {
        guard let value = entries[key]?.value else { return nil }
        guard case .text(let string, let plain, _) = value else {
            throw SitegenError(
                path: path, line: lineOf(key), "`\(key)` should be text, not a list or a mapping",
                fix: "write it on one line: `\(key): …`")
        }
        if plain, ["", "~", "null", "Null", "NULL"].contains(string) {
            return nil
        }
        let text = FieldText.cleaned(string)
        return text.isEmpty ? nil : text
    }

    func requiredString(_ key: String, what: String) throws(SitegenError) -> String {
        guard let value = try string(key) else {
            throw SitegenError(
                path: path, line: has(key) ? lineOf(key) : line, "`\(key)` is missing or empty",
                fix: "add `\(key): …` (\(what)) to the front matter")
        }
        return value
    }

    /// A list of texts; a single text is a one-item list.
    func strings(_ key: String) throws(SitegenError) -> [String] {
        guard let value = entries[key]?.value else { return [] }
        switch value {
        case .text:
            return try string(key).map { [$0] } ?? []
        case .list(let items, _):
            var result: [String] = []
            for item in items {
                guard case .text(let string, _, _) = item else {
                    throw SitegenError(
                        path: path, line: Self.line(of: item, firstLine: firstLine),
                        "each item of `\(key)` should be text", fix: "write `- text` per item")
                }
                let text = FieldText.cleaned(string)
                if !text.isEmpty { result.append(text) }
            }
            return result
        default:
            throw SitegenError(
                path: path, line: lineOf(key), "`\(key)` should be a list",
                fix: "write one `- item` line per entry under `\(key):`")
        }
    }

    func bool(_ key: String) throws(SitegenError) -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            throw SitegenError(path: path, line: lineOf(key), "`\(key)` should be true or false, not \(text)")
        }
    }

    /// The items of a list of mappings (issue.yml's `pages`).
    func mappings(_ key: String) throws(SitegenError) -> [YAMLFields] {
        guard let value = entries[key]?.value else { return [] }
        guard case .list(let items, _) = value else {
            throw SitegenError(
                path: path, line: lineOf(key), "`\(key)` should be a list",
                fix: "write one `- …` entry per item under `\(key):`")
        }
        var result: [YAMLFields] = []
        for item in items {
            result.append(try YAMLFields(value: item, path: path, firstLine: firstLine, reader: reader))
        }
        return result
    }

    static func line(of value: YAMLValue, firstLine: Int) -> Int {
        value.line + firstLine - 1
    }

    static func describe(_ error: YamlError, path: String, firstLine: Int) -> SitegenError {
        let fix =
            "check the YAML syntax near that line: `key: value`, lists as `- item`, quote text that contains `: ` or starts with a special character"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let context = context.map { "\($0.text), " } ?? ""
            return SitegenError(
                path: path, line: mark.line + firstLine - 1, "invalid YAML: \(context)\(problem)", fix: fix)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return SitegenError(
                path: path, line: context.mark.line + firstLine - 1,
                "the field \(duplicates.sorted().joined(separator: ", ")) is given twice",
                fix: "keep one of them")
        default:
            return SitegenError(path: path, line: firstLine, "invalid YAML: \(error)", fix: fix)
        }
    }
}
