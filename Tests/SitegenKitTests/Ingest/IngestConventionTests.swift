import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Each convention ingest reads, in its general form, with examples from several papers (the
/// corpus pages and pages like them). Fidelity on the whole corpus is pinned by IngestCorpusTests.
@Suite struct IngestConventionTests {
    func parse(_ text: String, source: String? = nil) -> ScrapedInput {
        IngestFixtures.parse(text: text, source: source)
    }

    // MARK: - Addresses

    struct SchemeCase: Sendable, CustomTestStringConvertible {
        var url: String
        var date: String?
        var page: String?
        var position: Int?
        var testDescription: String { url }
    }

    static let schemes: [SchemeCase] = [
        .init(
            url: "https://paper.yanews.cn/yarb/20190325/html/content_20190325002007.htm", date: "2019-03-25", page: "2",
            position: 7),
        .init(
            url: "http://eslrb.slrbs.com/slrb/20160318/html/content_20160318007004.htm", date: "2016-03-18", page: "7",
            position: 4),
        .init(
            url: "https://paper.hebiw.com/epaper/hbrb/2016/02/03/RB01/story/1399158.shtml", date: "2016-02-03",
            page: "RB01"),
        .init(
            url: "http://wfwb.wfnews.com.cn/content/20130704/ArticelB06003EL.htm", date: "2013-07-04", page: "B06",
            position: 3),
        .init(url: "http://e.sxxycmw.com/jrfs/2015-293/news-1-2.html", page: "1", position: 2),
        .init(
            url: "http://sxncb.joyhua.cn/sxncb/20211122/html/page_02_content_005.htm", date: "2021-11-22", page: "2",
            position: 5),
        .init(
            url: "http://epaper.gmw.cn/gmrb/html/2012-10/27/nw.D110000gmrb_20121027_2-06.htm?div=-1",
            date: "2012-10-27", page: "6", position: 2),
        .init(url: "http://epaper.hljnews.cn/hljrb/pc/layout/202204/14/node_08.html", date: "2022-04-14", page: "8"),
        .init(url: "http://x.cn/html/2023-02/10/node_2.htm", date: "2023-02-10"),
        .init(url: "http://xgll.com.cn/epaper/pc/202412/10/content_48233.html", date: "2024-12-10"),
        .init(url: "http://kjb.sckjw.com.cn/6a804a45df2745eba63a8e50e680edaa"),
    ]

    @Test(arguments: schemes) func addressSchemes(_ scheme: SchemeCase) {
        let place = AddressSchemes.place(of: scheme.url)
        #expect(place.date?.iso == scheme.date)
        #expect(place.page == scheme.page.flatMap(PageLabel.init))
        #expect(place.position == scheme.position)
    }

    @Test func textPrintedOnThePageWinsOverTheAddress() {
        let input = parse(
            "当前版:03版\n千阳县草碧镇 干群合力收玉米\n  本报讯(边浩)11月17日,千阳县草碧镇镇村干部、驻村工作队员深入田间地头帮助群众抢收玉米。\n",
            source: "http://sxncb.joyhua.cn/sxncb/20211122/html/page_02_content_005.htm")
        #expect(input.articles.first?.page == PageLabel("3"))
        #expect(input.articles.first?.date?.iso == "2021-11-22")
    }

    // MARK: - 版次 and 版名

    @Test func pageEntriesAfterALeadIn() {
        #expect(PageText.entry(atStartOf: "当前版:04版")?.label == PageLabel("4"))
        #expect(
            PageText.entry(atStartOf: "3538 期 / 第3版: 地方报道") == .init(label: PageLabel("3")!, name: "地方报道", rest: ""))
        #expect(PageText.entry(atStartOf: "第RB01版: 日报01版") == .init(label: PageLabel("RB1")!, name: "日报01版", rest: ""))
        #expect(PageText.entry(atStartOf: "2018 年是") == nil)
    }

    @Test func pagerNumbersAreNotPartOfThePageName() {
        #expect(PageText.entry(atStartOf: "第1版:头版 4下一版")?.name == "头版")
        #expect(PageText.entry(atStartOf: "第3版:要闻 上一版3  4下一版")?.name == "要闻")
        #expect(PageText.entry(atStartOf: "第07版:文化周刊·文萃 上一版3  4下一版")?.name == "文化周刊·文萃")
    }

    @Test func pageListsPrintedAsNumbers() {
        #expect(PageText.numberedList(in: "下一版»本期共4版(1-2-3-4)") == (1...4).map { PageLabel(number: $0)! })
        #expect(PageText.numberedList(in: "本期共8版") == (1...8).map { PageLabel(number: $0)! })
        #expect(PageText.numberedList(in: "全县共有3个版本") == nil)
        #expect(PageText.numberedList(in: "这套书共12版次") == nil)
        let layout = parse(
            "2022年04月14日 第08版:副刊\n  • 东北美景 跑冰排\n    □贤哲\n    开江跑冰排(凌汛)是我们东北的一个独特风景。\n  • 最忆乡间柳色青\n    □孔繁宇\n  • 01\n  • 02\n  • 03\n  • 08\n",
            source: "http://epaper.hljnews.cn/hljrb/pc/layout/202204/14/node_08.html")
        #expect(layout.isListingOnly)
        #expect(layout.listing.pages.map(\.page.description) == ["1", "2", "3", "8"])
        #expect(layout.listing.date?.iso == "2022-04-14")
        #expect(layout.listing.currentPageName == "副刊")
        #expect(layout.listing.titles == ["东北美景 跑冰排", "最忆乡间柳色青"], "a teaser's bulleted title, not the menu's bullets")
    }

    @Test func headlinePageAndDateOnOneLine() {
        let input = parse("习近平在会见探月工程嫦娥五号任务参研参试人员代表时强调:勇攀科技高峰 服务国家发展大局 第A1版:封面 2021年02月23日 ·A02·\n")
        let article = input.articles.first
        #expect(article?.title == "勇攀科技高峰 服务国家发展大局")
        #expect(article?.kicker == "习近平在会见探月工程嫦娥五号任务参研参试人员代表时强调")
        #expect(article?.page == PageLabel("A1"))
        #expect(article?.pageName == "封面")
        #expect(article?.date?.iso == "2021-02-23")
    }

    // MARK: - Headlines

    @Test func theTitleThePageListsIsTheTitle() {
        // 标题导航 above the article names it; the short line under it is no kicker, title or author.
        let input = parse(
            """
            第B06版:精彩旅游
            标题导航
            河北北戴河 “天然氧吧”玩处多
            云南香格里拉 穿过美丽花海
            2013年07月04日
            3 上一篇   下一篇4
            云南香格里拉 穿过美丽花海
              香格里拉
              七八月的香格里拉是一个花的王国,皑皑玉龙雪山下,色彩斑斓的高原海子和绚丽的花海相映,高山草甸上牧群游走。
            """)
        let article = input.articles.first
        #expect(article?.title == "云南香格里拉 穿过美丽花海")
        #expect(article?.kicker == nil)
        #expect(article?.authors == [])
        #expect(article?.body.hasPrefix("## 香格里拉\n\n七八月") == true, "kept as printed, in the body")
    }

    @Test func founderTrailerNamesTheTitle() {
        #expect(FounderTrailer.title(in: "2021-01-08 2 2 沧州晚报 content_10318.html 1 花开诗旅 /enpproperty-->") == "花开诗旅")
        #expect(
            FounderTrailer.title(in: "--> 2017-11-02 1 1 团结报 c560.html 1 双龙镇敬老院开展 “九月九”联欢活动 /enpproperty-->")
                == "双龙镇敬老院开展 “九月九”联欢活动")
        #expect(FounderTrailer.title(in: "花开诗旅") == nil)
    }

    @Test func aSubtitleGivingFiguresUnderATitleWithout() {
        #expect(
            ArticleDraft.headline(["延长县重点项目集中开复工", "全年实施重点项目52个 计划总投资134.12亿元"])
                == (nil, "延长县重点项目集中开复工", "全年实施重点项目52个 计划总投资134.12亿元"))
        #expect(ArticleDraft.headline(["光明情结", "从读者到作者"]) == ("光明情结", "从读者到作者", nil), "a short 引题 sets the scene")
        #expect(ArticleDraft.headline(["我与晚报的故事", "那些年,我的青春和晚报紧紧相连"]) == ("我与晚报的故事", "那些年,我的青春和晚报紧紧相连", nil))
    }

    @Test func headlineAboveTheDateLineOrArticleNavigation() {
        let dated = parse("情暖重阳节\n辽宁日报 2023年10月23日\n金秋送爽、丹桂飘香,又到一年重阳时,为弘扬中华民族传统美德,倡导敬老、爱老、助老的新风尚,我省各地纷纷举办活动。\n")
        #expect(dated.articles.first?.title == "情暖重阳节")
        let navigated = parse("明前茶香\n  • 上一篇\n  • 下一篇\n  • 惊蛰过后,气温回升,正是采摘明前茶的好时节。日前,炎陵县霞阳镇石子坝村的茶叶种植基地,30多名采茶工在茶园里忙碌。\n")
        #expect(navigated.articles.first?.title == "明前茶香")
        #expect(navigated.articles.first?.body.hasPrefix("惊蛰过后") == true, "the list bullet is layout")
    }

    @Test func aHeadlineMayAskOrExclaim() {
        #expect(ArticleDraft.readsAsHeadline("敢问路在何方？"))
        #expect(ArticleDraft.readsAsHeadline("加油！中国队"))
        #expect(!ArticleDraft.readsAsHeadline("会议于昨日召开。"))
        #expect(!ArticleDraft.readsAsHeadline("据了解，"))
    }

    @Test func noHeadlineIsRejected() {
        for text in [
            "本报讯 (记者郭白鸽)6月7日下午,全国安全生产电视电话会议召开。县领导在我县分会场收听收看会议。\n",
            "编者按:为持续深入贯彻落实市委十三届二十二次全体会议精神,即日起,本报开设栏目,对部分镇街主要负责人进行访谈。\n",
            "调研组专家在香格里拉县金江镇安乐村筛查少儿先心病。\n在维西县医院,调研组专家帮助检查肿瘤患者术后伤口,并为其换药。\n",
            "编辑:王学钧 美编:宫照阳 组版:商进\n2011年8月15日,这是一个应该载入济宁城市建设史册的一天,两座大桥双双通车。 本报记者 张晓科 摄\n详见C03、C04版\n今日\n",
        ] {
            let input = parse(text)
            #expect(input.articles.isEmpty, "\(text)")
            #expect(input.rejection != nil)
        }
    }

    @Test func productionCreditsAreNotAnArticle() {
        #expect(ChromeText.isProductionCredit("编辑:王学钧 美编:宫照阳 组版:商进"))
        #expect(ChromeText.isProductionCredit("责任编辑：张三"))
        #expect(!ChromeText.isProductionCredit("编辑部的故事"))
    }

    @Test func wordCountWidget() {
        #expect(TextDumpParser.isWordCount("文章字数:110"))
        #expect(TextDumpParser.isWordCount("字数"))
        #expect(!TextDumpParser.isWordCount("字数不多,情意很深"))
        let poem = parse("当前版:04版\n发布日期:\n2025年08月09日\n朗读:\n故乡\n张斌峰\n文章字数:168\n当我回到故乡时,\n我失去故乡了。\n那碧绿的麦田呢?\n欢唱的喜鹊呢?\n")
        #expect(poem.articles.first?.title == "故乡")
        #expect(poem.articles.first?.authors == ["张斌峰"])
        #expect(poem.articles.first?.page == PageLabel("4"))
    }

    // MARK: - Bylines

    @Test func creditsClosingAParagraph() {
        #expect(Bylines.endCredit("…具有适应我国城乡复杂路面行驶的特点。 (吕劲)?") == ["吕劲"])
        #expect(Bylines.endCredit("…确保蔬菜粮食供给。(新华社记者 宋为伟 摄)") == ["宋为伟"])
        #expect(Bylines.endCredit("…图为居民参加格吞(藏式拔河)比赛。(殷洁 叶强平 摄影报道)") == ["殷洁", "叶强平"])
        #expect(Bylines.endCredit("(本报记者 刘伟栋 通讯员 王振)") == ["刘伟栋", "王振"])
        #expect(Bylines.endCredit("图为志愿者为老人理发。 本报特约记者 李经川 摄") == ["李经川"])
        #expect(
            Bylines.endCredit("丰收的“足迹”。 李艳秋 摄") == [], "a bare photo credit is the photographer's, not the writer's")
        #expect(Bylines.endCredit("参加格吞(藏式拔河)") == [], "brackets inside a sentence")
        #expect(Bylines.endCredit("今年的产量比去年高。(完)") == [])
        #expect(Bylines.endCredit("会议由县长主持。(据新华社)") == [])
        #expect(Bylines.endCredit("他们说。(下转第二版)") == [])
    }

    @Test func bylinesWithRolesAndPlaces() {
        #expect(Bylines.marked("株洲晚报融媒体记者/黎世伟 通讯员/曾昭旭 摄影报道")?.authors == ["黎世伟", "曾昭旭"])
        #expect(Bylines.dateline("本报讯(记者 刘卓 通讯员 王靖博)3月14日,延长县举行") == ["刘卓", "王靖博"])
        #expect(Bylines.dateline("本报讯 (记者 松学宝) 7月19日,云南省") == ["松学宝"])
        #expect(Bylines.bareNames("张含田 (新乡市)", strict: true) == ["张含田"])
        #expect(Bylines.opensWithDateline("新华社北京7月13日电 7月11日,国家主席"))
        #expect(!Bylines.opensWithDateline("合作社电商平台上线以来,销量翻番。"))
        #expect(Bylines.parse("琼卡尔·扎西邓珠(藏族)").authors == ["琼卡尔·扎西邓珠"])
        #expect(Bylines.parse("本报特约记者 李经川 摄").authors == ["李经川"])
    }

    @Test func datelineUnderAPhotoCaption() {
        let input = parse(
            """
            迪庆建州60周年新闻发布会在昆举行
            7月19日,云南省迪庆藏族自治州建州60周年新闻发布会在昆明举行。
            中央驻滇媒体、省级媒体记者聚焦发布会。 (松学宝 摄)

            本报讯 (记者 松学宝) 7月19日,云南省迪庆藏族自治州建州60周年新闻发布会在昆明举行。
            """)
        #expect(input.articles.first?.authors == ["松学宝"])
        // The caption printed over two lines above the lead is one caption, not the story's start.
        #expect(input.articles.first?.captions == ["7月19日,云南省迪庆藏族自治州建州60周年新闻发布会在昆明举行。中央驻滇媒体、省级媒体记者聚焦发布会。 (松学宝 摄)"])
        #expect(input.articles.first?.body.hasPrefix("本报讯") == true)
    }
}
