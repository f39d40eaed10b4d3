import SitegenKit

/// The article files ingest writes: front matter in the contract's field order, the body, and
/// an `ingest_digest` line recording what ingest wrote, so a later ingest can tell a file an
/// editor has changed (the digest no longer matches) from one it may update. The loader ignores
/// the field, and it travels with the file wherever Content is copied.
enum ArticleFile {
    static let digestField = "ingest_digest"

    static func text(for article: Article) -> String {
        let lines = ["---"] + ArticleField.allCases.flatMap { frontMatter($0, of: article) }
        let rest = ["---", "", article.body].joined(separator: "\n") + "\n"
        let unsigned = lines.joined(separator: "\n") + "\n" + rest
        return lines.joined(separator: "\n") + "\n\(digestField): \(ContentDigest.of(unsigned))\n" + rest
    }

    /// The front matter lines of one field; none for an empty optional one.
    static func frontMatter(_ field: ArticleField, of article: Article) -> [String] {
        func line(_ value: String?) -> [String] { value.map { ["\(field.key): " + YAMLText.scalar($0)] } ?? [] }
        func list(_ values: [String]) -> [String] {
            values.isEmpty ? [] : ["\(field.key):"] + values.map { "  - " + YAMLText.scalar($0) }
        }
        switch field {
        case .title: return line(article.title)
        case .kicker: return line(article.kicker)
        case .subtitle: return line(article.subtitle)
        case .authors: return list(article.authors)
        case .byline: return line(article.byline)
        case .date: return ["\(field.key): " + article.date.iso]
        // Only when the page printed one: a file from a page with an empty 星期 stays as it was.
        case .weekday: return line(article.weekday)
        case .page: return ["\(field.key): " + article.page.description]
        case .pageName: return line(article.pageName)
        case .position: return ["\(field.key): \(article.order)"]
        case .captions: return list(article.captions)
        case .source: return line(article.source)
        }
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
