/// The "引用" block's reference, in the GB/T 7714-2015 form for a newspaper article read online
/// (§4.4 析出文献 of a 连续出版物, 文献类型 N, 载体 OL):
///
///     陈义. 党建引领聚合力 打赢脱贫攻坚战[N/OL]. 迪庆日报, 2018-07-19(3)
///
/// The template adds the reader's 引用日期 `[2024-05-01]` (filled in by script, since a static
/// page cannot know it) and the permanent address: `…(3)[2024-05-01]. https://…/05.html.`
enum Citation {
    static func reference(for article: Article, publication: String) -> String {
        var text = ""
        if let authors = authorList(article.authors) { text += authors + ". " }
        text += article.title
        // 其他题名信息 (the 副题) follows the title after a colon.
        if let subtitle = article.subtitle, !subtitle.isEmpty { text += ": " + subtitle }
        text += "[N/OL]. \(publication), \(article.date.iso)(\(article.page.description))"
        return text
    }

    /// Up to three names, separated by commas; more are shortened to the first three and 等.
    static func authorList(_ authors: [String]) -> String? {
        let names = authors.filter { !$0.isEmpty }
        guard !names.isEmpty else { return nil }
        return names.count > 3 ? names.prefix(3).joined(separator: ", ") + ", 等" : names.joined(separator: ", ")
    }
}
