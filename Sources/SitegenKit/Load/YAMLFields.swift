import Foundation
import Yams

/// Typed, line-aware access to a YAML mapping (front matter, issue.yml, site.yml), so every
/// complaint names the line the editor has to fix.
struct YAMLFields {
    let path: String
    /// Line in the file where the YAML text starts (front matter starts on line 2).
    let firstLine: Int
    private let values: [String: Node]
    private let keyLines: [String: Int]
    /// Line of the mapping itself, for "missing field" messages.
    let line: Int

    /// Parses `yaml` as a mapping. Empty text is an empty mapping.
    init(yaml: String, path: String, firstLine: Int = 1) throws(SitegenError) {
        try YAMLLimits.check(yaml, path: path, firstLine: firstLine)
        let node: Node?
        do {
            // Every value is read as text (sitegen checks dates and numbers itself), so no tag rules:
            // they cost a regular expression per value. Naming the encoding staging trees Yams a look at
            // the environment on every call.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            throw Self.describe(error, path: path, firstLine: firstLine)
        } catch {
            throw SitegenError(path: path, line: firstLine, "is not valid YAML: \(error)")
        }
        try self.init(node: node, path: path, firstLine: firstLine)
    }

    init(node: Node?, path: String, firstLine: Int) throws(SitegenError) {
        self.path = path
        self.firstLine = firstLine
        self.line = firstLine
        guard let node else {
            values = [:]
            keyLines = [:]
            return
        }
        guard case .mapping(let mapping) = node else {
            throw SitegenError(
                path: path, line: Self.line(of: node, firstLine: firstLine),
                "should be a list of `key: value` lines",
                fix: "write one field per line, such as `title: 标题`")
        }
        var values: [String: Node] = [:]
        var lines: [String: Int] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            values[name] = value
            lines[name] = Self.line(of: key, firstLine: firstLine)
        }
        self.values = values
        self.keyLines = lines
    }

    func lineOf(_ key: String) -> Int { keyLines[key] ?? line }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// A text field as `FieldText` cleans it; nil when absent or showing nothing (`key:`, `key: ""`).
    func string(_ key: String) throws(SitegenError) -> String? {
        guard let node = values[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            throw SitegenError(
                path: path, line: lineOf(key), "`\(key)` should be text, not a list or a mapping",
                fix: "write it on one line: `\(key): …`")
        }
        if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        let text = FieldText.cleaned(scalar.string)
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
        guard let node = values[key] else { return [] }
        switch node {
        case .scalar:
            return try string(key).map { [$0] } ?? []
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw SitegenError(
                        path: path, line: Self.line(of: item, firstLine: firstLine),
                        "each item of `\(key)` should be text", fix: "write `- text` per item")
                }
                let text = FieldText.cleaned(scalar.string)
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
        guard let node = values[key] else { return [] }
        guard case .sequence(let sequence) = node else {
            throw SitegenError(
                path: path, line: lineOf(key), "`\(key)` should be a list",
                fix: "write one `- …` entry per item under `\(key):`")
        }
        var result: [YAMLFields] = []
        for item in sequence {
            result.append(try YAMLFields(node: item, path: path, firstLine: firstLine))
        }
        return result
    }

    static func line(of node: Node, firstLine: Int) -> Int {
        (node.mark?.line ?? 1) + firstLine - 1
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
