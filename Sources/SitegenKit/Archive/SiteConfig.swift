import Foundation

/// Site-wide settings from `Content/site.yml`; every field has a default, so the file is optional.
public struct SiteConfig: Sendable, Equatable {
    public var title: String = "迪庆日报"
    /// Absolute URL the site is published at, ending in `/`. Used for the feed, the sitemap and
    /// canonical links; pages link to each other relatively, so they also work from `file://`.
    /// The default suits `sitegen serve`.
    public var baseURL: String = "http://localhost:8080/"
    public var language: String = "zh-CN"
    public var description: String?
    public var footer: String?
    /// Lets raw HTML in Markdown through. Off by default: editors' Markdown is rendered in safe mode.
    public var unsafeHTML: Bool = false

    public init() {}

    /// The base URL with exactly one trailing slash.
    static func normalizedBaseURL(_ url: String) -> String {
        var url = url.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url + "/"
    }
}
