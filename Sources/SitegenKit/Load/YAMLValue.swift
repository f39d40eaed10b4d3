import Yams

/// What `YAMLFields` reads of a parsed YAML node: text (and whether it was written plain, without
/// quotes), a list, or a mapping of text keys, each with the line it starts on in the YAML text.
/// Yams' nodes convert to it, and `SimpleYAML` reads the common front matter straight into it
/// (Yams' `Mark`, a node's position, cannot be made outside Yams).
indirect enum YAMLValue: Equatable {
    case text(String, plain: Bool, line: Int)
    case list([YAMLValue], line: Int)
    /// Keys that are not text (`? [a, b]: c`) are left out: no field can be named by them.
    case mapping([YAMLEntry], line: Int)
    /// Any other node (an alias), which no field accepts.
    case other(line: Int)

    var line: Int {
        switch self {
        case .text(_, _, let line), .list(_, let line), .mapping(_, let line), .other(let line): line
        }
    }

    init(_ node: Node) {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            self = .text(scalar.string, plain: scalar.style == .plain, line: line)
        case .sequence(let sequence):
            self = .list(sequence.map(YAMLValue.init), line: line)
        case .mapping(let mapping):
            self = .mapping(
                mapping.compactMap { key, value in
                    key.scalar.map { YAMLEntry(key: $0.string, line: key.mark?.line ?? 1, value: YAMLValue(value)) }
                }, line: line)
        case .alias:
            self = .other(line: line)
        }
    }
}

/// One `key: value` of a mapping, with the key's line.
struct YAMLEntry: Equatable {
    var key: String
    var line: Int
    var value: YAMLValue
}
