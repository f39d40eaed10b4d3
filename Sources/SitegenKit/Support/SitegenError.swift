/// The one error type sitegen reports to people: what went wrong, where, and what to do about it.
///
/// Like Publish's `PublishingError`, it carries the path (and line, where there is one) of the file
/// at fault, so a message can always point an editor at the exact place to fix.
public struct SitegenError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file at fault, as the user would type it (relative to the working folder where possible).
    public var path: String?
    /// 1-based line in `path`, when the problem has one.
    public var line: Int?
    /// What is wrong, in one sentence.
    public var message: String
    /// What the user should do about it.
    public var fix: String?

    public init(path: String? = nil, line: Int? = nil, _ message: String, fix: String? = nil) {
        self.path = path
        self.line = line
        self.message = message
        self.fix = fix
    }

    public var description: String {
        Self.format(path: path, line: line, message, fix: fix)
    }

    /// `path:line: message`, then the fix on an indented line: how sitegen prints any problem.
    static func format(path: String?, line: Int?, _ message: String, fix: String?) -> String {
        var text = ""
        if let path {
            text += path
            if let line { text += ":\(line)" }
            text += ": "
        }
        text += message
        if let fix { text += "\n  fix: \(fix)" }
        return text
    }

    /// The same error, placed in a file (keeps a path already set).
    func located(in path: String, line: Int? = nil) -> SitegenError {
        var copy = self
        if copy.path == nil { copy.path = path }
        if copy.line == nil { copy.line = line }
        return copy
    }
}

/// Several problems found in one pass (a build reports every broken file at once, not one per run).
public struct SitegenErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [SitegenError]

    public init(_ errors: [SitegenError]) {
        self.errors = errors.sorted { ($0.path ?? "", $0.line ?? 0) < ($1.path ?? "", $1.line ?? 0) }
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
