/// Every kind of finding `sitegen check` reports: its code (stable, so tools can filter on it),
/// how bad it is, what it means and what to do. `docs/check.md` is generated from this list
/// (`sitegen check --list-codes`), and a test keeps the two equal.
public enum CheckCode: String, CaseIterable, Sendable, Codable, Comparable, CustomStringConvertible {
    // Inputs (ContentChecker, TemplateChecker).
    case content
    case template
    case unarchivedTitle = "unarchived-title"
    case unlistedArticle = "unlisted-article"
    case emptyBody = "empty-body"
    case duplicateTitle = "duplicate-title"
    case weekdayMismatch = "weekday-mismatch"
    case calendarGap = "calendar-gap"
    case futureDate = "future-date"
    case oldFieldName = "old-field-name"
    case zoneWithoutArticle = "zone-without-article"
    case photoWithoutCaption = "photo-without-caption"
    case undecodableImage = "undecodable-image"
    // The built site (SiteChecker, SyndicationChecker).
    case deadLink = "dead-link"
    case orphanPage = "orphan-page"
    case brokenChain = "broken-chain"
    case invalidSitemap = "invalid-sitemap"
    case invalidFeed = "invalid-feed"
    // The run itself (the `check` command).
    case missingFolder = "missing-folder"
    case unreadableSite = "unreadable-site"

    /// The severities its findings can have; the first is the one they get unless a checker says
    /// otherwise. Only `missing-folder` has two: a warning for a folder left at its default, an
    /// error for one given explicitly.
    public var severities: [Finding.Severity] {
        switch self {
        case .content, .template, .undecodableImage, .deadLink, .orphanPage, .brokenChain, .invalidSitemap,
            .invalidFeed, .unreadableSite:
            [.error]
        case .unarchivedTitle, .unlistedArticle, .emptyBody, .duplicateTitle, .weekdayMismatch, .calendarGap,
            .futureDate, .oldFieldName, .zoneWithoutArticle, .photoWithoutCaption:
            [.warning]
        case .missingFolder:
            [.warning, .error]
        }
    }

    /// What a finding with this code means.
    public var meaning: String {
        switch self {
        case .content:
            "a file `sitegen build` refuses: invalid YAML or front matter, a missing field, an impossible date, a bad "
                + "版次 or position, two articles in one place, a file at a path its front matter contradicts, not UTF-8, "
                + "too large, a link out of Content, a misplaced issue.yml, a bad site.yml"
        case .template:
            "a Mustache syntax error, or a template the build needs is missing"
        case .unarchivedTitle:
            "issue.yml lists a title at a position that has no article"
        case .unlistedArticle:
            "an article's title is not in its page's `titles` in issue.yml (a shortened listed title counts), "
                + "or its page is not listed at all"
        case .emptyBody:
            "an article has nothing after its front matter"
        case .duplicateTitle:
            "two articles on one page have the same title (spaces ignored)"
        case .weekdayMismatch:
            "an article's `weekday` (as the source printed it) is not the weekday of its `date`, or is not a weekday "
                + "at all: `printed weekday 星期三 but 2018-07-19 was a 星期四`"
        case .calendarGap:
            "a single day without an issue between two days with one"
        case .futureDate:
            "an article is dated after today (today anywhere on Earth): most likely a misread or mistyped year"
        case .oldFieldName:
            "an article's front matter names a field by its old name (`order`, now `position`): still read, but "
                + "the name the documentation and ingest use is the new one"
        case .zoneWithoutArticle:
            "a zone of a page's scan (issue.yml `zones:`) names a position that has no article, or its page has no "
                + "scan (`page.jpg`): the site leaves the zone out"
        case .photoWithoutCaption:
            "an article's photo `<NN>-<K>.jpg` has no caption K in the article's `captions`, or there is no article "
                + "NN to show it"
        case .undecodableImage:
            "a scan or photo the build refuses: not an image, truncated or damaged, larger than 100 megapixels, or "
                + "a `page.pdf` that is not a PDF"
        case .deadLink:
            "a page links to a file of the site that does not exist"
        case .orphanPage:
            "an HTML page that no chain of links from `index.html` (or `404.html`) reaches"
        case .brokenChain:
            "上一篇/下一篇, 上一版/下一版 or 上一期/下一期 links that are not mutual, that leave the issue or go "
                + "backwards, an article whose 上一版/下一版 differ from its page's, or an issue whose 下一篇 chain "
                + "does not visit every article"
        case .invalidSitemap:
            "`sitemap.xml` (or a `sitemap-N.xml` part) is missing, not well-formed XML, has the wrong root element, "
                + "or lists an address that is not a file of the site"
        case .invalidFeed:
            "`feed.xml` is missing, not well-formed XML, has the wrong root element, or links to an address that is "
                + "not a file of the site"
        case .missingFolder:
            "the Content, Templates or output folder does not exist (an error when it was given explicitly)"
        case .unreadableSite:
            "the output folder cannot be listed"
        }
    }

    /// What to do about it.
    public var remedy: String {
        switch self {
        case .content: "follow the fix printed with it"
        case .template: "fix the tag on that line; restore missing templates from the repository"
        case .unarchivedTitle: "add the article, or leave it: the title is shown as plain text"
        case .unlistedArticle: "add the title or page to issue.yml, or correct the article's title, page or position"
        case .emptyBody: "add the text, or remove the file"
        case .duplicateTitle: "remove the copy, or correct one title"
        case .weekdayMismatch:
            "correct the date or the weekday (whichever the source misprinted or ingest misread); remove `weekday` "
                + "when unsure"
        case .calendarGap: "add the missing issue; ignore it when the paper did not appear that day"
        case .futureDate: "correct the article's `date`"
        case .oldFieldName: "rename the field as the finding says (`order:` → `position:`)"
        case .zoneWithoutArticle: "correct the zone's `article`, add the article, or add the page's scan"
        case .photoWithoutCaption:
            "add the caption to the article's `captions` (in the photos' order), or rename the photo"
        case .undecodableImage: "replace the file with a JPEG, PNG or WebP image (or the page's PDF), or remove it"
        case .deadLink: "rebuild; if it stays, a template writes a wrong path"
        case .orphanPage: "rebuild (the build replaces the whole folder); remove files put there by hand"
        case .brokenChain: "rebuild; if it stays, check the pager links in the templates"
        case .invalidSitemap, .invalidFeed: "rebuild with the right `--base-url`"
        case .missingFolder: "pass the right folder, or build first"
        case .unreadableSite: "check its permissions"
        }
    }

    public var description: String { rawValue }

    public static func < (a: CheckCode, b: CheckCode) -> Bool { a.rawValue < b.rawValue }

    /// The reference table of `docs/check.md`: one row per code, in the order above.
    public static var referenceTable: String {
        var lines = ["| code | severity | what it means | what to do |", "|---|---|---|---|"]
        for code in allCases {
            let severity = code.severities.map(\.rawValue).joined(separator: " / ")
            lines.append("| `\(code.rawValue)` | \(severity) | \(code.meaning) | \(code.remedy) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
