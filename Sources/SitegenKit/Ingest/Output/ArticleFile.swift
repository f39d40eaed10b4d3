/// The article files ingest writes: front matter in the contract's field order, the body, and
/// an `ingest_digest` line recording what ingest wrote, so a later ingest can tell a file an
/// editor has changed (the digest no longer matches) from one it may update. The loader ignores
/// the field, and it travels with the file wherever Content is copied.
enum ArticleFile {
    static let digestField = "ingest_digest"

    static func text(for article: Article) -> String {
        var lines = ["---", "title: " + YAMLText.scalar(article.title)]
        if let kicker = article.kicker { lines.append("kicker: " + YAMLText.scalar(kicker)) }
        if let subtitle = article.subtitle { lines.append("subtitle: " + YAMLText.scalar(subtitle)) }
        if !article.authors.isEmpty {
            lines.append("authors:")
            lines += article.authors.map { "  - " + YAMLText.scalar($0) }
        }
        if let byline = article.byline { lines.append("byline: " + YAMLText.scalar(byline)) }
        lines.append("date: " + article.date.iso)
        // Only when the page printed one: a file from a page with an empty 星期 stays as it was.
        if let weekday = article.weekday { lines.append("weekday: " + YAMLText.scalar(weekday)) }
        lines.append("page: " + article.page.description)
        if let name = article.pageName { lines.append("page_name: " + YAMLText.scalar(name)) }
        lines.append("order: \(article.order)")
        if !article.captions.isEmpty {
            lines.append("captions:")
            lines += article.captions.map { "  - " + YAMLText.scalar($0) }
        }
        if let source = article.source { lines.append("source: " + YAMLText.scalar(source)) }
        let rest = ["---", "", article.body].joined(separator: "\n") + "\n"
        let unsigned = lines.joined(separator: "\n") + "\n" + rest
        return lines.joined(separator: "\n") + "\n\(digestField): \(ContentDigest.of(unsigned))\n" + rest
    }

    /// Whether `text` is exactly as ingest wrote it: its digest line matches the rest. False for
    /// files without one (written by hand) and for files changed since.
    static func isAsIngested(_ text: String) -> Bool {
        let prefix = "\n\(digestField): "
        guard let start = text.range(of: prefix) else { return false }
        let valueStart = start.upperBound
        guard let end = text[valueStart...].firstIndex(of: "\n") else { return false }
        let recorded = String(text[valueStart..<end])
        let unsigned = String(text[..<start.lowerBound]) + String(text[end...])
        return ContentDigest.of(unsigned) == recorded
    }
}
