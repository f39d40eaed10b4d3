import SitegenKit

/// The e-paper site's own furniture, as it shows up in a page's text: navigation, zoom buttons,
/// menus, share and comment widgets, copyright footers. None of it is part of an article.
enum ChromeText {
    /// Words that make up navigation and widget lines. A line made only of these (and page
    /// numbers, separators) is chrome. Longest first, so 上一篇 goes before 上一.
    static let words: [String] = [
        "设为首页", "加入收藏", "关于我们", "网站地图", "网站声明", "联系我们", "申请链接", "合作伙伴", "返回目录",
        "返回首页", "返回顶部", "关闭窗口", "版面导航", "标题导航", "本版标题", "本版导航", "往期回顾", "往期浏览",
        "我要评报", "我要纠错", "打印本页", "推荐给朋友", "分享到", "放大字体", "缩小字体", "默认字体", "PDF下载",
        "【PDF版】", "PDF版", "上一篇", "下一篇", "上一版", "下一版", "前一版", "后一版", "上一期", "下一期",
        "电子版", "数字报", "回到顶部", "评论", "分享", "打印", "收藏", "关闭", "放大", "缩小", "默认", "返回",
        "首页", "字数", "更多>>", "更多", "English", "登录", "注册", "搜索", "报纸", "杂志", "目录", "朗读",
        // Search boxes and reader menus of newer Founder systems (文章标题 … is a search field's label).
        "通版阅读请点击", "展开通版", "收缩通版", "数字报首页", "常见问题", "使用说明", "通讯员投稿", "文章标题",
        "文章内容", "文章作者", "发布日期", "首版", "末版", "字体",
    ]

    /// Markers of footers, mastheads and disclaimers; a short line holding one is chrome.
    static let footerMarkers: [String] = [
        "版权所有", "All Right", "all right", "Copyright", "copyright", "©", "ICP备", "ICP证", "公网安备", "网安备",
        "许可证", "技术支持", "未经授权", "不得转载", "禁止转载", "统一刊号", "邮发代号", "本网站所刊登", "爱读爱看",
        "合作伙伴:", "合作伙伴：", "主办单位", "Right Reserved", "RIGHTS RESERVED",
    ]

    /// Words that only appear in article (not page) navigation.
    static let articleNavigation = ["上一篇", "下一篇"]
    static let pageNavigation = ["上一版", "下一版", "前一版", "后一版"]

    /// True for a line of navigation, widgets, menus or footer.
    static func isChrome(_ line: String) -> Bool {
        if line.count <= 90, footerMarkers.contains(where: { line.contains($0) }) { return true }
        if isMenuBullet(line) { return true }
        return isOnlyWords(line)
    }

    /// `• 时政`: a site menu entry.
    static func isMenuBullet(_ line: String) -> Bool {
        guard let first = line.first, ["•", "·", "»", "›", "▪", "►"].contains(first) else { return false }
        return line.count <= 14
    }

    /// A line made only of navigation words, page numbers and separators.
    /// Every character navigation words use: a line with any other letter is not chrome.
    static let wordCharacters = Set(words.joined().unicodeScalars.map(\.value))

    static func isOnlyWords(_ line: String) -> Bool {
        for scalar in line.unicodeScalars where scalar.properties.isAlphabetic && !wordCharacters.contains(scalar.value)
        {
            return false
        }
        var rest = line.filter { !$0.isWhitespace }
        guard !rest.isEmpty else { return false }
        var removedAny = false
        for word in words where rest.contains(word) {
            rest = rest.replacingOccurrences(of: word, with: "")
            removedAny = true
        }
        return removedAny && rest.allSatisfy { $0.isASCIIDigit || $0.isPunctuation || $0.isSymbol || $0 == "|" }
    }

    /// Where the first navigation word starts (`第3版:要闻 上一版3` → before 上一版).
    static func firstNavigationWord(in text: String) -> String.Index? {
        words.compactMap { text.range(of: $0)?.lowerBound }.min()
    }

    /// A line of article navigation (`• 上一篇`, `3 上一篇  下一篇 4 放大 缩小 默认`).
    static func isArticleNavigation(_ line: String) -> Bool {
        hasAny(articleNavigation, in: line) && (isOnlyWords(line) || isMenuBullet(line))
    }

    /// Who produced the page, not who wrote the article: `编辑:王学钧 美编:宫照阳 组版:商进`.
    static let productionRoles = ["责任编辑", "值班编辑", "编辑", "责编", "美编", "组版", "校对", "审读", "版式", "制作", "终审", "值班主任"]

    static func isProductionCredit(_ line: String) -> Bool {
        guard line.count <= 60 else { return false }
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" || $0 == "|" })
        let labelled = fields.filter { field in
            productionRoles.contains { field.hasPrefix($0 + ":") || field.hasPrefix($0 + "：") }
        }
        return labelled.count >= 1 && labelled.count * 2 >= fields.count && line.hasPrefix(String(labelled[0]))
    }

    static func hasAny(_ words: [String], in line: String) -> Bool {
        words.contains { line.contains($0) }
    }
}

/// The metadata line Founder systems leave in the page (`2021-01-08 2 2 沧州晚报 content_10318.html
/// 1 花开诗旅 /enpproperty-->`): hidden furniture, but it names the article's title as the
/// system filed it, which is evidence for the headline.
enum FounderTrailer {
    static func isTrailer(_ line: String) -> Bool { line.contains("enpproperty") }

    /// The title it files: the words after the file name and its numbers.
    static func title(in line: String) -> String? {
        guard isTrailer(line), let end = line.range(of: "/enpproperty")?.lowerBound else { return nil }
        let fields = line[..<end].split(separator: " ")
        guard let file = fields.lastIndex(where: { $0.contains(".htm") || $0.contains(".shtml") }) else { return nil }
        let words = fields[(file + 1)...].drop { $0.allSatisfy(\.isASCIIDigit) }
        let title = words.joined(separator: " ")
        return title.isEmpty ? nil : title
    }
}
