import Mustache

/// What every template can use, whatever it renders: the site, the way back to the root, the
/// page's own title and address. Views answer their own names first, then fall back to this.
///
/// It deliberately offers nothing that changes with the rest of the archive (such as the latest
/// issue), so that adding an issue does not change every page of the site.
struct FrameContext: TemplateContext {
    let scope: RenderScope
    /// The file being written, relative to the root.
    let path: String
    /// The <title> text.
    let title: String

    init(model: RenderModel, path: String, title: String, absoluteRoot: Bool = false) {
        // Links on the 404 page must work from any folder, so they start at the site's root path.
        let root = absoluteRoot ? Paths.rootPath(of: model.site.baseURL) : Paths.root(from: path)
        self.scope = RenderScope(model: model, root: root)
        self.path = path
        self.title = title
    }

    func value(named name: String) -> Any? {
        let site = scope.model.site
        switch name {
        case "site": return SiteContext(config: site)
        case "root": return scope.root
        case "title": return title
        case "canonical_url": return Paths.url(path, base: site.baseURL)
        case "archive_path": return Paths.archive
        case "archive_href": return scope.href(Paths.archive)
        case "home_path": return Paths.home
        case "home_href": return scope.href(Paths.home)
        case "feed_path": return Paths.feed
        case "feed_href": return scope.href(Paths.feed)
        case "assets_href": return scope.href("assets/")
        case "search_path": return Paths.search
        case "search_href": return scope.href(Paths.search)
        default: return nil
        }
    }

    /// The newest issue, for the views that show it (home, 404, 往期).
    var latestIssue: IssueLinkContext? {
        scope.archive.latestIssue.map { IssueLinkContext(scope: scope, date: $0.date) }
    }
}

struct SiteContext: TemplateContext {
    let config: SiteConfig

    func value(named name: String) -> Any? {
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
struct ArticleContext: TemplateContext {
    let scope: RenderScope
    let index: Int

    func value(named name: String) -> Any? {
        let articles = scope.model.archive.articles
        switch name {
        case "title": return articles[index].title
        case "kicker": return articles[index].kicker
        case "subtitle": return articles[index].subtitle
        case "authors": return articles[index].authors.isEmpty ? nil : articles[index].authors
        case "authors_text": return Self.authorsText(articles[index].authors)
        case "byline": return articles[index].byline
        case "body_html": return Markdown.html(articles[index].body, allowRawHTML: scope.model.site.unsafeHTML)
        case "captions": return articles[index].captions.isEmpty ? nil : articles[index].captions
        case "has_captions": return !articles[index].captions.isEmpty
        case "source": return articles[index].source
        case "position": return articles[index].order
        case "path": return scope.model.articlePaths[index]
        case "url": return Paths.url(scope.model.articlePaths[index], base: scope.model.site.baseURL)
        case "reference": return Citation.reference(for: articles[index], publication: scope.model.site.title)
        default: return nil
        }
    }

    /// 陈义、张三 — names as the paper joins them.
    static func authorsText(_ authors: [String]) -> String? {
        authors.isEmpty ? nil : authors.joined(separator: "、")
    }
}

/// `article.mustache`: one article with its issue's and page's navigation.
struct ArticleView: TemplateContext {
    let index: Int
    let frame: FrameContext

    init(model: RenderModel, index: Int) {
        self.index = index
        let article = model.archive.articles[index]
        frame = FrameContext(model: model, path: Paths.article(article.slot),
                             title: "\(article.title) - \(article.date.chineseDate) \(article.page.chineseName) - \(model.site.title)")
    }

    func value(named name: String) -> Any? {
        let scope = frame.scope
        let archive = scope.model.archive
        let location = archive.locations[index]
        switch name {
        case "article": return ArticleContext(scope: scope, index: index)
        case "issue": return IssueContext(scope: scope, issue: location.issue, currentPage: location.page)
        case "page":
            return PageLinkContext(scope: scope, issue: location.issue, page: location.page, current: true,
                                   titles: EntryContext.list(scope, issue: location.issue, page: location.page, currentArticle: index))
        case "prev_article": return archive.previousArticle(before: index).map { ArticleLinkContext(scope: scope, index: $0) }
        case "next_article": return archive.nextArticle(after: index).map { ArticleLinkContext(scope: scope, index: $0) }
        case "prev_page": return archive.previousPage(issue: location.issue, page: location.page).map { PageLinkContext(scope: scope, issue: location.issue, page: $0) }
        case "next_page": return archive.nextPage(issue: location.issue, page: location.page).map { PageLinkContext(scope: scope, issue: location.issue, page: $0) }
        default: return frame.value(named: name)
        }
    }
}

/// `page.mustache` (and `home.mustache`): one page of an issue with its 标题导航 and leads.
struct PageView: TemplateContext {
    let issue: Int
    let page: Int
    let frame: FrameContext
    let isHome: Bool

    init(model: RenderModel, issue: Int, page: Int, path: String, isHome: Bool = false) {
        self.issue = issue
        self.page = page
        self.isHome = isHome
        let value = model.archive.issues[issue]
        let title = isHome ? model.site.title : "\(value.pages[page].heading) - \(value.date.chineseDate) - \(model.site.title)"
        frame = FrameContext(model: model, path: path, title: title)
    }

    func value(named name: String) -> Any? {
        let scope = frame.scope
        let archive = scope.model.archive
        switch name {
        // The home page also lists the whole issue (本期要目): its front page may hold no archived article.
        case "issue": return IssueContext(scope: scope, issue: issue, currentPage: page, pagesWithTitles: isHome)
        case "page":
            return PageLinkContext(scope: scope, issue: issue, page: page, current: true,
                                   titles: EntryContext.list(scope, issue: issue, page: page, withLead: true))
        case "prev_page": return archive.previousPage(issue: issue, page: page).map { PageLinkContext(scope: scope, issue: issue, page: $0) }
        case "next_page": return archive.nextPage(issue: issue, page: page).map { PageLinkContext(scope: scope, issue: issue, page: $0) }
        case "is_home": return isHome
        case "on_this_day":
            // 历史上的今天, on the home page only: other pages must not change when an issue is added.
            guard isHome else { return nil }
            let issues = archive.sameDayIssues(before: issue)
            return issues.isEmpty ? nil : ["issues": issues.map { IssueLinkContext(scope: scope, date: archive.issues[$0].date) }]
        default: return frame.value(named: name)
        }
    }
}

/// `issue.mustache`: all pages of one issue with their titles.
struct IssueView: TemplateContext {
    let issue: Int
    let frame: FrameContext

    init(model: RenderModel, issue: Int) {
        self.issue = issue
        let date = model.archive.issues[issue].date
        frame = FrameContext(model: model, path: Paths.issue(date), title: "\(date.chineseDisplay) - \(model.site.title)")
    }

    func value(named name: String) -> Any? {
        switch name {
        case "issue": return IssueContext(scope: frame.scope, issue: issue, pagesWithTitles: true)
        default: return frame.value(named: name)
        }
    }
}

/// `search.mustache`: the reader search page; search.js fills it from the index.
struct SearchView: TemplateContext {
    let frame: FrameContext

    func value(named name: String) -> Any? {
        switch name {
        case "manifest_path": return SearchIndexLayout.manifest
        default: return frame.value(named: name)
        }
    }
}

/// `404.mustache`, and `home.mustache` while the archive is empty.
struct NotFoundView: TemplateContext {
    let frame: FrameContext

    func value(named name: String) -> Any? {
        name == "latest_issue" ? frame.latestIssue : frame.value(named: name)
    }
}
