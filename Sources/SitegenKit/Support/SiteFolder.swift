import Foundation

/// A folder the user named (Content, Templates, the output): where it is, and how messages show
/// it — as the user typed it (`Content/2018/07/19/03/05.md`), not as an absolute path.
public struct SiteFolder: Sendable {
    public let url: URL
    public let display: String

    public init(_ url: URL, display: String? = nil) {
        self.url = url
        self.display = display ?? url.path
    }

    /// How messages show a path inside the folder; the folder itself for an empty path.
    public func display(_ relative: some StringProtocol) -> String {
        guard !relative.isEmpty else { return display }
        return (display.hasSuffix("/") ? display : display + "/") + relative
    }

    public func url(_ relative: String) -> URL { url.appendingPathComponent(relative) }
}
