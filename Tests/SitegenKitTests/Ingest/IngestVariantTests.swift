import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Pages the samples do not include but Founder-style sites serve: GBK pages, CRLF dumps, other
/// papers' 版面 views and byline conventions. They show ingest follows conventions, not files.
@Suite struct IngestVariantTests {
    /// A classic Founder content_N.htm, built from a story in the hbrb sample.
    static let classicArticle = """
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>湖北日报数字报</title><script>var x = "上一篇";</script></head>
        <body><div id="header"><a href="../../../index.htm">首页</a> | <a href="#">设为首页</a></div>
        <div class="banci">第03版：经济新闻</div><div class="date">2023年02月11日 星期六</div>
        <table><tr><td><a href=content_211261.htm>上一篇</a> <a href=content_211263.htm>下一篇</a></td></tr></table>
        <div class="bmnav"><a href=node_2.htm>第01版：要闻</a> <a href=node_3.htm>第02版：要闻</a> <a href=node_4.htm>第03版：经济新闻</a></div>
        <ul class="list"><li><a href=content_211261.htm?div=-1>中碳登喜迎首批“碳客”</a></li>
        <li><a href=content_211262.htm?div=-1>全省农商行净增存款超千亿元</a></li>
        <li><a href=content_211263.htm?div=-1>东贝电机产销两旺</a></li></ul>
        <div class="article"><h3>为春耕备耕备足资金</h3><h1>全省农商行净增存款超千亿元</h1><h2></h2>
        <div id="ozoom"><founder-content><p>　　湖北日报讯 （记者张阳春、通讯员熊能）39天时间，净增存款突破1000亿元，提前实现一季度“开门红”。</p>
        <p>　　春节前后是人流、物流、资金流旺季，也是各家金融机构抢抓存款、储备资金的最重要时刻。</p>
        <p>新增存款<br>分布情况</p>
        <p>　　充足的存款为地方经济发展提供坚实支撑。据介绍，省农信联社及全省农商银行将以一季度“开门红”带动全年强劲发展。</p>
        </founder-content></div></div>
        <!--enpproperty <date>2023-02-11 00:00:00:0</date><author></author><title>全省农商行净增存款超千亿元</title><url>http://epaper.hubeidaily.net/html/2023-02/11/content_211262.htm</url>/enpproperty-->
        <div id="footer">Copyright © 湖北日报 版权所有</div></body></html>
        """

    @Test func gbkArticlePageDeclaredInMeta() throws {
        let bytes = try IngestFixtures.encode(Self.classicArticle, to: "GBK")
        #expect(!InputDecoder.isUTF8(bytes), "really GBK")
        let input = IngestParser.parse(bytes: bytes, source: nil)
        let article = try #require(input.articles.first)
        #expect(article.kicker == "为春耕备耕备足资金")
        #expect(article.title == "全省农商行净增存款超千亿元")
        #expect(article.subtitle == nil)
        #expect(article.authors == ["张阳春", "熊能"])
        #expect(article.date == IssueDate(iso: "2023-02-11"))
        #expect(article.page == PageLabel("3"))
        #expect(article.pageName == "经济新闻")
        #expect(article.source == "http://epaper.hubeidaily.net/html/2023-02/11/content_211262.htm")
        #expect(article.body.hasPrefix("湖北日报讯 （记者张阳春、通讯员熊能）39天时间"))
        #expect(article.body.hasSuffix("带动全年强劲发展。"))
        #expect(!article.body.contains("上一篇") && !article.body.contains("版权所有") && !article.body.contains("var x"))
        #expect(article.order == 2, "second in the page's title list")
        #expect(input.listing.titles == ["中碳登喜迎首批“碳客”", "全省农商行净增存款超千亿元", "东贝电机产销两旺"])
        #expect(input.listing.pages.map(\.name) == ["要闻", "要闻", "经济新闻"])
    }

    @Test func gb18030WithoutADeclarationIsDetected() throws {
        let html = Self.classicArticle.replacingOccurrences(of: "; charset=gb2312", with: "")
        let input = IngestParser.parse(bytes: try IngestFixtures.encode(html, to: "GB18030"), source: nil)
        #expect(input.articles.first?.title == "全省农商行净增存款超千亿元")
    }

    @Test func aDumpWithBOMAndCRLFReadsTheSame() throws {
        let seed = try IngestFixtures.text("dqrb-2018-07-19-p03-dangjian.txt")
        let windows = "\u{FEFF}" + seed.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(IngestFixtures.parse(text: windows) == (try IngestFixtures.parse("dqrb-2018-07-19-p03-dangjian.txt")))
    }

    @Test func aGBKTextDump() throws {
        let seed = try IngestFixtures.text("ljdb-2026-02-15.txt")
        let input = IngestParser.parse(bytes: try IngestFixtures.encode(seed, to: "GBK"), source: nil)
        #expect(input.articles.first?.title == "久违的乡愁")
        #expect(input.articles.first?.authors == ["苗海川"])
    }

    @Test func anotherPapersPageViewWithLetteredPages() throws {
        let dump = """
            南方日报 2024年12月10日 星期二
            第A01版:要闻 上一版  下一版
            版面导航
            第A01版:要闻
            第A02版:综 合
            第A03版:经 济
            本版标题
            广东推进新型工业化
            全省科技创新大会召开
            冬日暖阳
            Copyright © 南方报业传媒集团 版权所有
            """
        let input = IngestFixtures.parse(
            text: dump, source: "https://epaper.southcn.com/nfdaily/html/202412/10/node_A01.html")
        #expect(input.isListingOnly)
        #expect(input.listing.date == IssueDate(iso: "2024-12-10"))
        #expect(input.listing.pages.map(\.page.description) == ["A01", "A02", "A03"])
        #expect(input.listing.pages.map(\.name) == ["要闻", "综合", "经济"])
        #expect(input.listing.currentPage == PageLabel("A1"))
        #expect(input.listing.titles == ["广东推进新型工业化", "全省科技创新大会召开", "冬日暖阳"])
    }

    @Test func bylineConventions() throws {
        let dump = """
            第2版:综合新闻

            2019年10月12日 星期六

            市委召开常委会
            ——研究部署冬季安全工作

            本报讯 记者 和丽 此里卓玛

            10月11日,市委召开常委会,研究部署冬季安全生产工作。会议强调,要压实责任,确保平安。

            会议指出,各地各部门要认真排查隐患,做好应急准备。

            会场一角。 （记者 王五 摄）

            上一篇  下一篇
            """
        let article = try #require(IngestFixtures.parse(text: dump).articles.first)
        #expect(article.title == "市委召开常委会")
        #expect(article.subtitle == "研究部署冬季安全工作")
        #expect(article.authors == ["和丽", "此里卓玛"])
        #expect(article.byline == "本报讯 记者 和丽 此里卓玛")
        #expect(article.captions == ["会场一角。 （记者 王五 摄）"])
        #expect(article.date == IssueDate(iso: "2019-10-12"))
        #expect(article.page == PageLabel("2") && article.pageName == "综合新闻")
        #expect(article.body.hasPrefix("10月11日,市委召开常委会") && article.body.hasSuffix("做好应急准备。"))
    }

    @Test func trailingBylineAndSplitHeadline() throws {
        let dump = """
            ( 2021-03-05 )

            访谈

            乡村振兴
            要靠人才

            ○ 作者:李明

            记者:乡村振兴的人才从哪里来?

            答:要把外出的年轻人请回来,也要把本地的能人用起来,让他们在家门口就能干事创业。

            (本报记者 张三、李四整理)
            """
        let article = try #require(IngestFixtures.parse(text: dump).articles.first)
        #expect(article.kicker == "访谈")
        #expect(article.title == "乡村振兴要靠人才")
        #expect(article.authors == ["李明"])
        #expect(article.date == IssueDate(iso: "2021-03-05"))
        #expect(article.body.hasSuffix("(本报记者 张三、李四整理)"), "an author is already named: the credit stays in the text")
        let credited = try #require(
            IngestFixtures.parse(text: dump.replacingOccurrences(of: "○ 作者:李明\n", with: "")).articles.first)
        #expect(credited.authors == ["张三", "李四"])
        #expect(credited.byline == "本报记者 张三、李四整理")
        #expect(!credited.body.contains("整理"))
    }

    @Test func classicArticlePageWithHeadingsAndSourceLine() throws {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>人民日报</title></head><body>
            <div class="ban_t"><a href="../../../index.htm">返回目录</a></div>
            <div class="text_c">
              <h3>夏粮再获丰收</h3>
              <h1>小麦收获进度过八成</h1>
              <h2>——各地抢抓晴好天气</h2>
              <h4>本报记者 王浩 李晓晴</h4>
              <div class="sha_left"><span>《人民日报》（ 2024年06月14日 第 01 版）</span></div>
              <div class="c_c" id="ozoom"><founder-content>
                <p>　　本报北京6月13日电 农业农村部最新农情调度显示，全国已收获冬小麦2.6亿亩，进度过八成。</p>
                <p>　　麦收现场。<br>　　新华社记者 张三摄</p>
                <p>　　据介绍，今年夏粮生产总体形势较好，各地正有序推进麦收。</p>
              </founder-content></div>
            </div>
            <div class="copyright">人民日报社概况 | 关于人民网 | 版权所有</div></body></html>
            """
        let article = try #require(
            IngestFixtures.parse(
                text: html, source: "http://paper.people.com.cn/rmrb/html/2024-06/14/nw.D110000renmrb_20240614_3-01.htm"
            ).articles.first)
        #expect(article.kicker == "夏粮再获丰收")
        #expect(article.title == "小麦收获进度过八成")
        #expect(article.subtitle == "各地抢抓晴好天气")
        #expect(article.authors == ["王浩", "李晓晴"])
        #expect(article.byline == "本报记者 王浩 李晓晴")
        #expect(article.date == IssueDate(iso: "2024-06-14"))
        #expect(article.page == PageLabel("1"))
        #expect(article.captions == ["麦收现场。 新华社记者 张三摄"])
        #expect(article.body == "本报北京6月13日电 农业农村部最新农情调度显示，全国已收获冬小麦2.6亿亩，进度过八成。\n\n据介绍，今年夏粮生产总体形势较好，各地正有序推进麦收。")
    }

    /// More pages of our own paper, in the seed's layout: a 头版 story with 引题 and a 本报讯 byline,
    /// and one by a Tibetan author without a common surname.
    @Test func moreDiqingArticleViews() throws {
        let chrome =
            "第1版:头版 上一版1  2下一版\n \n版面导航\n\n第1版\n头版\n\n第2版\n要闻\n \n标题导航\n  2018年7月20日 星期五 \n1 上一篇  下一篇 2 放大 缩小 默认\n"
        let footer = "\n1 上一篇  下一篇 2 放大 缩小 默认\n设为首页 | 加入收藏 | 关于我们\n迪庆日报社香格里拉新闻网版权所有\n"
        let front =
            chrome + "州委理论学习中心组举行专题学习\n深入学习贯彻党的十九大精神\n——推动迪庆跨越发展\n本报讯（记者 和丽 通讯员 格桑）\n\n"
            + "7月19日,州委理论学习中心组举行专题学习会,深入学习贯彻党的十九大精神和习近平新时代中国特色社会主义思想。\n" + footer
        let first = try #require(IngestFixtures.parse(text: front).articles.first)
        #expect(first.kicker == "州委理论学习中心组举行专题学习")
        #expect(first.title == "深入学习贯彻党的十九大精神")
        #expect(first.subtitle == "推动迪庆跨越发展")
        #expect(first.authors == ["和丽", "格桑"])
        #expect(first.byline == "本报讯（记者 和丽 通讯员 格桑）")
        #expect(first.date == IssueDate(iso: "2018-07-20") && first.page == PageLabel("1") && first.pageName == "头版")
        #expect(first.body.hasPrefix("7月19日,州委理论学习中心组") && !first.body.contains("上一篇"))

        let tibetan = chrome + "高原牧场的夏天\n扎西\n\n七月的高原牧场,草长得正盛,牛羊散落在山坡上,远处的雪山在阳光下闪着光。\n" + footer
        let second = try #require(IngestFixtures.parse(text: tibetan).articles.first)
        #expect(second.title == "高原牧场的夏天")
        #expect(second.kicker == nil)
        #expect(second.authors == ["扎西"])
    }

    /// Table-layout content_N.htm: the headline only in table cells, the fields in `enpproperty`.
    @Test func tableLayoutArticleReadFromEnpProperty() throws {
        let html = """
            <HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=utf-8"></HEAD><BODY>
            <TABLE><TR><TD class=font01>我州召开会议</TD></TR><TR><TD class=font02>部署秋冬季森林防火工作</TD></TR>
            <TR><TD class=font01>——确保全州森林资源安全</TD></TR></TABLE>
            <DIV id=ozoom><founder-content><P>　　本报讯（记者 斯那卓玛）10月11日,我州召开秋冬季森林防火工作会议。</P>
            <P>　　会议要求,各县（市）要压实责任,加强巡查。</P></founder-content></DIV>
            <!--enpproperty <articleid>123</articleid><date>2019-10-12</date><author>斯那卓玛</author><introtitle>我州召开会议</introtitle><title>部署秋冬季森林防火工作</title><subtitle>——确保全州森林资源安全</subtitle><pageno>2</pageno>/enpproperty-->
            <TABLE><TR><TD><A href="node_3.htm">第02版：要 闻</A></TD></TR></TABLE></BODY></HTML>
            """
        let article = try #require(
            IngestFixtures.parse(text: html, source: "http://www.xgll.com.cn/dqrb/html/2019-10/12/content_123.htm")
                .articles.first)
        #expect(article.kicker == "我州召开会议")
        #expect(article.title == "部署秋冬季森林防火工作")
        #expect(article.subtitle == "确保全州森林资源安全")
        #expect(article.authors == ["斯那卓玛"])
        #expect(article.date == IssueDate(iso: "2019-10-12"))
        #expect(article.source == "http://www.xgll.com.cn/dqrb/html/2019-10/12/content_123.htm")
        #expect(article.page == PageLabel("2") && article.pageName == "要闻")
        #expect(article.body == "本报讯（记者 斯那卓玛）10月11日,我州召开秋冬季森林防火工作会议。\n\n会议要求,各县（市）要压实责任,加强巡查。")
    }

    /// A newer (pc/layout) 版面 page: titles link to ../../../content/…, pages to node_NN.html.
    @Test func newerLayoutPageView() throws {
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>数字报</title></head><body>
            <div class="paper-date">2024年12月10日 星期二</div>
            <ul class="layout-list"><li><a href="node_01.html">01版：要闻</a></li><li><a href="node_02.html">02版：综合</a></li></ul>
            <ul class="news-list">
              <li><a href="../../../content/202412/10/content_48233.html">全省经济运行总体平稳</a></li>
              <li><a href="../../../content/202412/10/content_48234.html">冬季旅游市场升温</a></li>
            </ul>
            <div class="footer"><a href="https://www.example.cn/about.html">关于我们</a> 版权所有</div></body></html>
            """
        let input = IngestFixtures.parse(
            text: html, source: "https://epaper.example.cn/pc/layout/202412/10/node_02.html")
        #expect(input.isListingOnly)
        #expect(input.listing.date == IssueDate(iso: "2024-12-10"))
        #expect(input.listing.currentPage == PageLabel("2") && input.listing.currentPageName == "综合")
        #expect(input.listing.pages.map(\.name) == ["要闻", "综合"])
        #expect(input.listing.titles == ["全省经济运行总体平稳", "冬季旅游市场升温"])
    }

    @Test func aTextWithoutAHeadlineIsRejected() {
        let input = IngestFixtures.parse(text: "上一篇 下一篇\n放大 缩小 默认\n设为首页 | 加入收藏\n")
        #expect(input.articles.isEmpty)
        #expect(input.rejection?.contains("headline") == true)
    }

    /// A scraper's field list (`标题：…` a line, then the body): the tiny format the input-format
    /// recipe of docs/extending.md is followed with.
    enum FieldListReader: InputReader {
        static func recognises(_ text: String) -> Bool { text.hasPrefix("标题：") }

        static func parse(_ text: String, source: String?) -> ScrapedInput {
            let parts = text.components(separatedBy: "\n\n")
            var fields: [String: String] = [:]
            for line in parts[0].split(separator: "\n") {
                let pair = line.split(separator: "：", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            var article = ScrapedArticle(title: fields["标题"] ?? "", body: parts.dropFirst().joined(separator: "\n\n"))
            article.date = fields["日期"].flatMap(IssueDate.init(iso:))
            article.page = fields["版次"].flatMap { PageLabel($0) }
            article.source = source
            var input = ScrapedInput()
            input.articles = [article]
            return input
        }
    }

    @Test func aReaderRegisteredThroughTheProtocolReadsItsKindOfPage() throws {
        let readers: [any InputReader.Type] = [FieldListReader.self] + IngestParser.readers
        let text = "标题：\u{200B}雪山下的新校舍\u{0007}\n日期：2018-07-19\n版次：3\n\n本报讯 新校舍落成。\n\n学生们搬进新教室。"
        let input = IngestParser.parse(bytes: Array(text.utf8), source: "http://example.cn/1.txt", readers: readers)
        let article = try #require(input.articles.first)
        #expect(article.title == "雪山下的新校舍", "cleaned like every reader's fields")
        #expect(article.date == IssueDate(iso: "2018-07-19") && article.page == PageLabel("3"))
        #expect(article.body == "本报讯 新校舍落成。\n\n学生们搬进新教室。")
        // Decoding comes first, for every reader: the same page saved as GBK reads the same.
        let plain = text.replacingOccurrences(of: "\u{200B}", with: "")  // GBK has no U+200B
        let gbk = IngestParser.parse(
            bytes: try IngestFixtures.encode(plain, to: "GBK"), source: "http://example.cn/1.txt", readers: readers)
        #expect(gbk == input)
        // The other kinds still go to their readers, and a text of no listed kind is rejected.
        #expect(
            IngestParser.parse(bytes: Array(Self.classicArticle.utf8), source: nil, readers: readers)
                == IngestParser.parse(bytes: Array(Self.classicArticle.utf8), source: nil))
        let unread = IngestParser.parse(bytes: Array("本报讯 一段文字。".utf8), source: nil, readers: [FieldListReader.self])
        #expect(unread.articles.isEmpty && unread.rejection?.contains("no kind of saved page") == true)
    }
}
