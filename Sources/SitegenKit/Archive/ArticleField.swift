/// The fields of an article's front matter, in the order ingest writes them (the editors'
/// contract, docs/content-format.md). The reader (`ArticleReader`), the writer (`ArticleFile`)
/// and the build cache (`ContentCache`) each handle every case: `ArticleFieldTests` changes each
/// field in turn and requires the change to survive all three.
public enum ArticleField: String, CaseIterable, Sendable {
    case title, kicker, subtitle, authors, byline, date, weekday, page
    case pageName = "page_name"
    case position, captions, source

    /// The field's name in front matter.
    public var key: String { rawValue }

    /// The name files written before it had its present one use: still read, so that no file
    /// breaks, and reported by `sitegen check` (`old-field-name`) so that it is renamed.
    public var oldKey: String? {
        switch self {
        case .position: return "order"
        default: return nil
        }
    }

    /// What the field holds, for the message when a required one is missing.
    var meaning: String {
        switch self {
        case .title: return "the headline"
        case .kicker: return "the 引题 printed above the headline"
        case .subtitle: return "the 副题 printed below the headline"
        case .authors: return "the writers' names"
        case .byline: return "the byline as printed"
        case .date: return "the issue date, YYYY-MM-DD"
        case .weekday: return "the weekday printed beside the date"
        case .page: return "the 版次, such as 3 or A10"
        case .pageName: return "the 版名, such as 要闻"
        case .position: return "the article's position on its page, from 1"
        case .captions: return "the photos' captions"
        case .source: return "the address the article was scraped from"
        }
    }
}
