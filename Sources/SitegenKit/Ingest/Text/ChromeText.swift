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
        for scalar in line.unicodeScalars where scalar.properties.isAlphabetic && !wordCharacters.contains(scalar.value) {
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

    static func hasAny(_ words: [String], in line: String) -> Bool {
        words.contains { line.contains($0) }
    }
}
