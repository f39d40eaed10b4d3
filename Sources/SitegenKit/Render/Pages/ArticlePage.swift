/// `article.mustache`: a page per archived article, at `2018/07/19/03/05.html`.
enum ArticlePage {
    static let template = "article"

    static func pages(_ model: RenderModel) -> [(path: String, kind: PageKind)] {
        model.articlePaths.enumerated().map { ($1, .article($0)) }
    }

    static func view(_ model: RenderModel, index: Int) -> ArticleView { ArticleView(model: model, index: index) }
}

/// One article with its issue's and page's navigation.
struct ArticleView: FramedView {
    let index: Int
    let frame: FrameContext

    init(model: RenderModel, index: Int) {
        self.index = index
        let article = model.archive.articles[index]
        frame = FrameContext(
            model: model, path: model.articlePaths[index],
            title: "\(article.title) - \(article.date.chineseDate) \(article.page.chineseName) - \(model.site.title)")
    }

    var scope: RenderScope { frame.scope }
    var location: Archive.Location { frame.scope.archive.locations[index] }

    static let fields = TemplateFields<ArticleView>.framed([
        .object("article", ArticleContext.self) { ArticleContext(scope: $0.scope, index: $0.index) },
        .object("issue", IssueContext.self) {
            IssueContext(scope: $0.scope, issue: $0.location.issue, currentPage: $0.location.page)
        },
        .object("page", PageLinkContext.self) { view in
            let location = view.location
            return PageLinkContext(
                scope: view.scope, issue: location.issue, page: location.page, current: true,
                titles: EntryContext.list(
                    view.scope, issue: location.issue, page: location.page, currentArticle: view.index))
        },
        .object("prev_article", ArticleLinkContext.self) { view in
            view.scope.archive.previousArticle(before: view.index).map {
                ArticleLinkContext(scope: view.scope, index: $0)
            }
        },
        .object("next_article", ArticleLinkContext.self) { view in
            view.scope.archive.nextArticle(after: view.index).map { ArticleLinkContext(scope: view.scope, index: $0) }
        },
        .object("prev_page", PageLinkContext.self) { view in
            let location = view.location
            return view.scope.archive.previousPage(issue: location.issue, page: location.page)
                .map { PageLinkContext(scope: view.scope, issue: location.issue, page: $0) }
        },
        .object("next_page", PageLinkContext.self) { view in
            let location = view.location
            return view.scope.archive.nextPage(issue: location.issue, page: location.page)
                .map { PageLinkContext(scope: view.scope, issue: location.issue, page: $0) }
        },
    ])
}
