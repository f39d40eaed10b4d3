/// `article.mustache`: a page per archived article, at `2018/07/19/03/05.html`.
enum ArticlePage {
    static let template = "article"

    static func pages(_ model: RenderModel) -> [(path: String, kind: PageKind)] {
        model.articlePathsInOrder.enumerated().map { ($1, .article($0)) }
    }

    static func view(_ model: RenderModel, index: Int) -> ArticleView { ArticleView(model: model, index: index) }
}

/// One article with its issue's and page's navigation.
struct ArticleView: FramedView {
    let index: Int
    let frame: FrameContext

    init(model: RenderModel, index: Int) {
        self.index = index
        let location = model.location(ofArticle: index)
        // 标题 - 2018年7月19日 第03版 - 迪庆日报, from the texts the model made once per build.
        frame = FrameContext(
            model: model, path: model.path(ofArticle: index),
            title: [model[article: index].title, model.pageTexts(issue: location.issue, page: location.page).dateline],
            focus: .init(article: index, page: location))
    }

    var scope: RenderScope { frame.scope }
    var location: Archive.Location { frame.scope.model.location(ofArticle: index) }

    static let fields = TemplateFields<ArticleView>.framed([
        .object("article", ArticleContext.self) { ArticleContext(scope: $0.scope, index: $0.index) },
        .object("issue", IssueContext.self) { IssueContext(scope: $0.scope, issue: $0.location.issue) },
        .object("page", PageLinkContext.self) { view in
            PageLinkContext(scope: view.scope, issue: view.location.issue, page: view.location.page, titles: .plain)
        },
        .object("prev_article", ArticleLinkContext.self) { view in
            view.scope.model.previousArticle(before: view.index).map {
                ArticleLinkContext(scope: view.scope, index: $0)
            }
        },
        .object("next_article", ArticleLinkContext.self) { view in
            view.scope.model.nextArticle(after: view.index).map { ArticleLinkContext(scope: view.scope, index: $0) }
        },
        .object("prev_page", PageLinkContext.self) { view in
            let location = view.location
            return view.scope.model.previousPage(issue: location.issue, page: location.page)
                .map { PageLinkContext(scope: view.scope, issue: location.issue, page: $0) }
        },
        .object("next_page", PageLinkContext.self) { view in
            let location = view.location
            return view.scope.model.nextPage(issue: location.issue, page: location.page)
                .map { PageLinkContext(scope: view.scope, issue: location.issue, page: $0) }
        },
    ])
}
