import Foundation

/// One thing `sitegen check` found: where, how bad, what and what to do. Its code says which kind
/// of finding it is (`CheckCode`, listed with its fix in docs/check.md).
public struct Finding: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var code: CheckCode
    public var path: String?
    public var line: Int?
    public var message: String
    public var fix: String?

    /// A finding with the code's severity, or `severity` for a code that has two.
    public init(
        _ code: CheckCode, severity: Severity? = nil, path: String?, line: Int? = nil, _ message: String,
        fix: String? = nil
    ) {
        assert(severity.map(code.severities.contains) ?? true, "\(code) findings are never \(severity!)")
        self.severity = severity ?? code.severities[0]
        self.code = code
        self.path = path
        self.line = line
        self.message = message
        self.fix = fix
    }

    /// A problem the build refuses, as an error finding.
    public init(_ error: SitegenError, code: CheckCode) {
        self.init(code, severity: .error, path: error.path, line: error.line, error.message, fix: error.fix)
    }

    /// `path:line: warning[code]: message`, then the fix on an indented line.
    public var description: String {
        SitegenError.format(path: path, line: line, "\(severity.rawValue)[\(code)]: \(message)", fix: fix)
    }
}

/// Everything one `sitegen check` run found, in a stable order (file, line, code).
public struct CheckReport: Sendable, Codable {
    public var findings: [Finding]
    public var errors: Int
    public var warnings: Int

    public init(_ findings: [Finding]) {
        self.findings = findings.sorted {
            ($0.path ?? "", $0.line ?? 0, $0.severity, $0.code, $0.message) < (
                $1.path ?? "", $1.line ?? 0, $1.severity, $1.code, $1.message
            )
        }
        errors = findings.count { $0.severity == .error }
        warnings = findings.count { $0.severity == .warning }
    }

    /// Errors always fail a check; warnings only when `strict`.
    public func passes(strict: Bool) -> Bool {
        errors == 0 && (!strict || warnings == 0)
    }

    public var summary: String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
