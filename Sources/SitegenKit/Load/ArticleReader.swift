import Foundation

/// Reads one article file (front matter + Markdown) into an `Article`.
public enum ArticleReader {
    /// The file's bytes as `ContentLoader` reads them: UTF-8 check, then `read(text:path:)`.
    /// Public for the fuzz harness (Fuzz/) and tools that read a single article.
    public static func read(bytes: Data, path: String) throws(SitegenError) -> Article {
        try read(text: TextFile.decode(bytes, displayPath: path), path: path)
    }

    package static func read(text: String, path: String) throws(SitegenError) -> Article {
        let parts = try FrontMatter.split(text, path: path)
        let fields = try YAMLFields(yaml: parts.yaml, path: path, firstLine: parts.yamlFirstLine)

        let title = try fields.required(.title)
        let dateText = try fields.required(.date)
        guard let date = IssueDate(iso: dateText) else {
            throw SitegenError(
                path: path, line: fields.lineOf(ArticleField.date.key),
                "`date: \(dateText)` is not a real date in the form YYYY-MM-DD",
                fix: "write the issue's date like `date: 2018-07-19`")
        }
        let pageText = try fields.required(.page)
        guard let page = PageLabel(pageText) else {
            throw SitegenError(
                path: path, line: fields.lineOf(ArticleField.page.key), "`page: \(pageText)` is not a 版次",
                fix: "write the page number (`page: 3`) or a label of letters and digits (`page: A10`)")
        }
        let oldPositionKey = ArticleField.position.oldKey!
        let positionKey =
            !fields.has(ArticleField.position.key) && fields.has(oldPositionKey)
            ? oldPositionKey : ArticleField.position.key
        let positionText = try fields.requiredString(positionKey, what: ArticleField.position.meaning)
        guard let position = Int(positionText), (1...IssueListing.maximumPosition).contains(position) else {
            throw SitegenError(
                path: path, line: fields.lineOf(positionKey),
                "`\(positionKey): \(positionText)` is not a position on the page",
                fix: "write a whole number from 1 to \(IssueListing.maximumPosition), such as `position: 5`")
        }
        // Never refused: files that built before the field existed still build, and `sitegen
        // check` judges the text. A value that is not text (a list) is kept as empty text.
        let weekday: String?
        do { weekday = try fields.string(ArticleField.weekday.key) } catch { weekday = "" }
        var subtitle = try fields.string(ArticleField.subtitle.key)
        if let text = subtitle {
            subtitle = Self.withoutDashLead(text)
        }
        return Article(
            sourcePath: path,
            title: title,
            kicker: try fields.string(ArticleField.kicker.key),
            subtitle: subtitle,
            // `author:` is what editors naturally write for one name; `authors` wins when both are given.
            authors: fields.has(ArticleField.authors.key)
                ? try fields.strings(ArticleField.authors.key) : try fields.strings("author"),
            byline: try fields.string(ArticleField.byline.key),
            date: date,
            weekday: weekday,
            page: page,
            pageName: try fields.string(ArticleField.pageName.key),
            order: position,
            captions: try fields.strings(ArticleField.captions.key),
            source: try fields.string(ArticleField.source.key),
            body: body(of: parts),
            titleLine: fields.lineOf(ArticleField.title.key),
            weekdayLine: weekday == nil ? nil : fields.lineOf(ArticleField.weekday.key),
            oldPositionLine: fields.has(oldPositionKey) ? fields.lineOf(oldPositionKey) : nil
        )
    }

    /// The Markdown body of an article file, exactly as `read` gives it. Pages ask for it again
    /// after the load (it is not kept in memory).
    static func body(ofFile path: String) throws(SitegenError) -> String {
        try withBody(ofFile: path) { String(checkedUTF8: $0) }
    }

    /// Calls `use` with the UTF-8 of `body(ofFile:)`: taken in place from the file's bytes when they
    /// are plain UTF-8 (nearly every file), after one pass over them: text that has no carriage
    /// return and no control character is what `decode` and `withoutControlCharacters` would give,
    /// so neither needs its own pass, and no String is made. Any other file takes the load's own
    /// path, its errors included (a file changed since the load is checked anew). Three times per
    /// article on a cold build: its page, its leads, its search text.
    static func withBody<Result>(ofFile path: String, _ use: (UnsafeBufferPointer<UInt8>) -> Result)
        throws(SitegenError) -> Result
    {
        let bytes = try TextFile.readBytes(path: path, displayPath: path)
        return try bytes.withUnsafeBufferPointer { buffer in
            Swift.Result { () throws(SitegenError) in
                let text = TextFile.withoutByteOrderMark(buffer)
                guard TextFile.survey(text) == TextFile.Survey() else {
                    var body = body(of: try FrontMatter.split(TextFile.decode(buffer, displayPath: path), path: path))
                    return body.withUTF8(use)
                }
                let start = try FrontMatter.parts(of: text, path: path).body
                return use(UnsafeBufferPointer(rebasing: text[start...]))
            }
        }.get()
    }

    /// Control characters are dropped (see `withoutControlCharacters`): they would make the feed
    /// unreadable XML.
    static func body(of parts: FrontMatter) -> String {
        parts.body.withoutControlCharacters
    }

    /// 副题 are printed after a dash (——); the dash is layout, not text.
    static func withoutDashLead(_ text: String) -> String? {
        let trimmed = text.drop { $0 == "—" || $0 == "-" || $0 == "─" || $0.isWhitespace }
        return trimmed.isEmpty ? nil : String(trimmed)
    }
}

extension YAMLFields {
    /// A required field of an article, named and explained as `ArticleField` has it.
    func required(_ field: ArticleField) throws(SitegenError) -> String {
        try requiredString(field.key, what: field.meaning)
    }
}
