import Mustache

/// What every template can use, whatever it renders: the site, the way back to the root, the
/// page's own title and address. Views answer their own names first, then fall back to this.
struct FrameContext: MustacheParent {
    let archive: Archive
    /// The file being written, relative to the root.
    let path: String
    /// The <title> text.
    let title: String
    /// Links on the 404 page must work from any folder, so they start at the site's root path.
    var absoluteRoot: Bool = false

    func child(named name: String) -> Any? {
        switch name {
        case "site": return SiteContext(config: archive.site)
        case "root": return absoluteRoot ? Paths.rootPath(of: archive.site.baseURL) : Paths.root(from: path)
        case "title": return title
        case "canonical_url": return Paths.url(path, base: archive.site.baseURL)
        case "latest_issue": return archive.latestIssue.map { IssueLinkContext(date: $0.date) }
        case "archive_path": return Paths.archive
        case "home_path": return Paths.home
        case "feed_path": return Paths.feed
        case "search_path": return Paths.search
        default: return nil
        }
    }
}

struct SiteContext: MustacheParent {
    let config: SiteConfig

    func child(named name: String) -> Any? {
        switch name {
        case "title": return config.title
        case "base_url": return config.baseURL
        case "language": return config.language
        case "description": return config.description
        case "footer": return config.footer
        default: return nil
        }
    }
}

/// The article itself: headline block, body and captions.
struct ArticleContext: MustacheParent {
    let archive: Archive
    let index: Int

    func child(named name: String) -> Any? {
        let article = archive.articles[index]
        switch name {
        case "title": return article.title
        case "kicker": return article.kicker
        case "subtitle": return article.subtitle
        case "authors": return article.authors.isEmpty ? nil : article.authors
        case "authors_text": return Self.authorsText(article)
        case "byline": return article.byline
        case "body_html": return Markdown.html(article.body, allowRawHTML: archive.site.unsafeHTML)
        case "captions": return article.captions.isEmpty ? nil : article.captions
        case "has_captions": return !article.captions.isEmpty
        case "source": return article.source
        case "position": return article.order
        case "path": return Paths.article(article.slot)
        case "url": return Paths.url(Paths.article(article.slot), base: archive.site.baseURL)
        default: return nil
        }
    }

    /// 陈义、张三 — names as the paper joins them.
    static func authorsText(_ article: Article) -> String? {
        article.authors.isEmpty ? nil : article.authors.joined(separator: "、")
    }
}

/// `article.mustache`: one article with its issue's and page's navigation.
struct ArticleView: MustacheParent {
    let archive: Archive
    let index: Int
    let frame: FrameContext

    init(archive: Archive, index: Int) {
        self.archive = archive
        self.index = index
        let article = archive.articles[index]
        frame = FrameContext(archive: archive, path: Paths.article(article.slot),
                             title: "\(article.title) - \(article.date.chineseDate) \(article.page.chineseName) - \(archive.site.title)")
    }

    func child(named name: String) -> Any? {
        let location = archive.locations[index]
        switch name {
        case "article": return ArticleContext(archive: archive, index: index)
        case "issue": return IssueContext(archive: archive, issue: location.issue, currentPage: location.page)
        case "page":
            return PageLinkContext(archive: archive, issue: location.issue, page: location.page, current: true,
                                   titles: EntryContext.list(archive, issue: location.issue, page: location.page, currentArticle: index))
        case "prev_article": return archive.previousArticle(before: index).map { ArticleLinkContext(article: archive.articles[$0]) }
        case "next_article": return archive.nextArticle(after: index).map { ArticleLinkContext(article: archive.articles[$0]) }
        case "prev_page": return archive.previousPage(issue: location.issue, page: location.page).map { PageLinkContext(archive: archive, issue: location.issue, page: $0) }
        case "next_page": return archive.nextPage(issue: location.issue, page: location.page).map { PageLinkContext(archive: archive, issue: location.issue, page: $0) }
        default: return frame.child(named: name)
        }
    }
}

/// `page.mustache` (and `home.mustache`): one page of an issue with its 标题导航 and leads.
struct PageView: MustacheParent {
    let archive: Archive
    let issue: Int
    let page: Int
    let frame: FrameContext
    let isHome: Bool

    init(archive: Archive, issue: Int, page: Int, path: String, isHome: Bool = false) {
        self.archive = archive
        self.issue = issue
        self.page = page
        self.isHome = isHome
        let value = archive.issues[issue]
        let title = isHome ? archive.site.title : "\(value.pages[page].heading) - \(value.date.chineseDate) - \(archive.site.title)"
        frame = FrameContext(archive: archive, path: path, title: title)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "issue": return IssueContext(archive: archive, issue: issue, currentPage: page)
        case "page":
            return PageLinkContext(archive: archive, issue: issue, page: page, current: true,
                                   titles: EntryContext.list(archive, issue: issue, page: page, withLead: true))
        case "prev_page": return archive.previousPage(issue: issue, page: page).map { PageLinkContext(archive: archive, issue: issue, page: $0) }
        case "next_page": return archive.nextPage(issue: issue, page: page).map { PageLinkContext(archive: archive, issue: issue, page: $0) }
        case "is_home": return isHome
        default: return frame.child(named: name)
        }
    }
}

/// `issue.mustache`: all pages of one issue with their titles.
struct IssueView: MustacheParent {
    let archive: Archive
    let issue: Int
    let frame: FrameContext

    init(archive: Archive, issue: Int) {
        self.archive = archive
        self.issue = issue
        let date = archive.issues[issue].date
        frame = FrameContext(archive: archive, path: Paths.issue(date), title: "\(date.chineseDisplay) - \(archive.site.title)")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "issue": return IssueContext(archive: archive, issue: issue, pagesWithTitles: true)
        default: return frame.child(named: name)
        }
    }
}

/// `search.mustache`: the reader search page; search.js fills it from the index.
struct SearchView: MustacheParent {
    let frame: FrameContext

    func child(named name: String) -> Any? {
        switch name {
        case "manifest_path": return SearchIndexLayout.manifest
        default: return frame.child(named: name)
        }
    }
}

/// `404.mustache`.
struct NotFoundView: MustacheParent {
    let frame: FrameContext

    func child(named name: String) -> Any? { frame.child(named: name) }
}
