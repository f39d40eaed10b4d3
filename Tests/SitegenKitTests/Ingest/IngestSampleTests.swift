import Foundation
import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// Every sample in ../shared/samples, with every field a careful reader takes from it.
@Suite struct IngestSampleTests {
    static let chrome = ["上一篇", "下一篇", "放大", "缩小", "默认", "版权所有", "设为首页", "版面导航", "标题导航", "字数", "English", "All Right"]

    func expectNoChrome(_ body: String) {
        for word in Self.chrome { #expect(!body.contains(word), "chrome \(word) left in the body") }
    }

    @Test func dqrbArticleViewOfOurPaper() throws {
        let input = try IngestFixtures.parse("dqrb-2018-07-19-p03-dangjian.txt")
        let article = try #require(input.articles.first)
        #expect(input.articles.count == 1 && input.rejection == nil && !input.isListingOnly)
        #expect(article.title == "党建引领聚合力 打赢脱贫攻坚战")
        #expect(article.kicker == nil)
        #expect(article.subtitle == "三坝乡抓党建促脱贫攻坚工作纪实")
        #expect(article.authors == ["陈义"])
        #expect(article.byline == nil)
        #expect(article.date == IssueDate(iso: "2018-07-19"))
        #expect(article.page == PageLabel("3"))
        #expect(article.pageName == "要闻")
        #expect(article.order == 5)
        #expect(article.captions.isEmpty)
        #expect(article.source == nil)
        #expect(article.body.hasPrefix("香格里拉市三坝乡下辖7个建制村"))
        #expect(article.body.hasSuffix("带领群众致富的作用日益明显。"))
        #expect(article.body.headingCount == 3)
        #expect(article.body.contains("\n\n## 上下联动,聚焦发力\n\n集聚力量驻村帮扶。"))
        #expect(article.body.contains("## 党建引领产业培育") && article.body.contains("## 夯实基础,提升素质"))
        expectNoChrome(article.body)
        #expect(input.listing.pages.map(\.page.description) == ["1", "2", "3", "4"])
        #expect(input.listing.pages.map(\.name) == ["头版", "要闻", "要闻", "卫生与健康"])
        #expect(input.listing.titles.count == 8)
        #expect(input.listing.titles.first == "登报作废" && input.listing.titles.last == "不管遭遇什么挫折,我都始终坚信党")
    }

    @Test func gzrbCaptionsBeforeTheByline() throws {
        let input = try IngestFixtures.parse("gzrb-2024-09-12.txt")
        let article = try #require(input.articles.first)
        #expect(article.title == "沃野千里喜丰收")
        #expect(article.kicker == nil && article.subtitle == nil)
        #expect(article.authors == ["冯丽娜"])
        #expect(article.byline == nil)
        #expect(article.date == IssueDate(iso: "2024-09-12"))
        #expect(article.page == nil, "the page does not say its 版次; ingest asks for --page")
        #expect(article.captions.count == 9)
        #expect(article.captions.first == "丰收的“足迹”。 李艳秋 摄")
        #expect(article.captions.contains("丰收乐开怀。 白玉县融媒体中心"))
        #expect(article.captions.last == "麦粒飘香。 李艳秋 摄")
        #expect(article.source == "http://paper.kbcmw.com/pc/202409/12/content_80921.html")
        #expect(article.body.hasPrefix("金秋时节,我州处处洋溢着丰收的喜悦。"))
        #expect(!article.body.contains("刊号") && !article.body.contains("摄"))
    }

    @Test func gmrbKickerTitleAndSourceLine() throws {
        let input = try IngestFixtures.parse("gmrb-2012-10-27.txt")
        let article = try #require(input.articles.first)
        #expect(article.kicker == "光明情结")
        #expect(article.title == "从读者到作者")
        #expect(article.subtitle == nil)
        #expect(article.authors == ["雷收麦"])
        #expect(article.byline == nil)
        #expect(article.date == IssueDate(iso: "2012-10-27"))
        #expect(article.page == PageLabel("6"))
        #expect(article.pageName == nil)
        #expect(article.order == nil)
        #expect(article.captions.isEmpty)
        #expect(article.source == "http://epaper.gmw.cn/gmrb/html/2012-10/27/nw.D110000gmrb_20121027_2-06.htm?div=-1")
        #expect(article.body.hasPrefix("历数我与光明日报的交情,屈指算来,已经有半个世纪的时间了。\n\n那是1962年"))
        #expect(article.body.headingCount == 0)
        #expect(input.publication == "光明日报")
        expectNoChrome(article.body)
        #expect(!article.body.contains("时政"))
    }

    @Test func glrbPageViewRecordsThePageList() throws {
        let input = try IngestFixtures.parse("glrb-2025-07-14.txt")
        #expect(input.isListingOnly)
        #expect(input.articles.isEmpty)
        #expect(input.listing.date == IssueDate(iso: "2025-07-14"))
        #expect(input.listing.pages.map(\.page.description) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        #expect(input.listing.pages.map(\.name) == ["头版", "综合新闻", "社会生活", "时评", "时事", "时事·体育", "桂林故事", "专题"])
    }

    @Test func ljdbPoemKeepsItsLines() throws {
        let input = try IngestFixtures.parse("ljdb-2026-02-15.txt")
        let article = try #require(input.articles.first)
        #expect(article.title == "久违的乡愁")
        #expect(article.kicker == nil && article.subtitle == nil)
        #expect(article.authors == ["苗海川"])
        #expect(article.byline == nil)
        #expect(article.date == IssueDate(iso: "2026-02-15"))
        #expect(article.page == PageLabel("7"))
        #expect(article.pageName == "芥子园")
        #expect(article.captions.isEmpty)
        #expect(article.source == "http://ljdb.lxnews.cn/pc/content/202602/15/content_606470.html")
        let verses = article.body.components(separatedBy: "\\\n")
        #expect(verses.count == 13)
        #expect(verses.first == "天快亮时雪落下来" && verses.last == "感受人世间最美的温情")
        #expect(!article.body.contains("\n\n"), "one stanza")
    }

    @Test func zswbColumnTitleAndEditorsNote() throws {
        let input = try IngestFixtures.parse("zswb-2025-12-18.txt")
        let article = try #require(input.articles.first)
        #expect(article.kicker == "我与晚报的故事")
        #expect(article.title == "那些年,我的青春和晚报紧紧相连")
        #expect(article.subtitle == nil)
        #expect(article.authors.isEmpty && article.byline == nil)
        #expect(article.date == IssueDate(iso: "2025-12-18"))
        #expect(article.page == PageLabel("2"))
        #expect(article.source == "https://epaper.wifizs.cn/zswb/2025-12/18/content_99234151.html")
        #expect(article.body.hasPrefix("## 编者按\n\n三十载春秋流转"))
        #expect(article.body.contains("\n\n## 创刊前 去甬绍杭晚报取经\n\n1995年9月"))
        #expect(article.body.contains("发送至邮箱:zswb03@zsnews.com"))
        #expect(input.publication == "舟山晚报")
        expectNoChrome(article.body)
    }

    @Test func kjrbClassicPageViewHTML() throws {
        let input = try IngestFixtures.parse("kjrb-2023-02-10-node_2.htm")
        #expect(input.isListingOnly && input.articles.isEmpty)
        #expect(input.listing.date == IssueDate(iso: "2023-02-10"))
        #expect(input.listing.currentPage == PageLabel("1"))
        #expect(input.listing.currentPageName == "今日要闻")
        #expect(input.listing.pages.map(\.name) == ["今日要闻", "综合", "综合", "国际", "视点", "教育", "区域", "文化"])
        #expect(
            input.listing.titles == [
                "新时代十年伟大变革奠定坚实基础", "开放共享 让大型科研仪器“忙”起来",
                "中国式现代化是中国共产党领导的社会主义现代化", "花香春意浓",
                "在纳米级薄膜上，飞秒激光实现全彩色无油墨打印",
            ])
    }

    @Test func hbrbPadFragments() throws {
        let input = try IngestFixtures.parse("hbrb-2023-02-11-fragments.html")
        #expect(input.articles.count == 31, "32 fragments, one saved twice")
        #expect(
            input.articles.allSatisfy {
                $0.date == IssueDate(iso: "2023-02-11") && $0.authors.allSatisfy { !$0.contains("2023") }
            })
        let byPage = Dictionary(grouping: input.articles) { $0.page?.description ?? "?" }.mapValues(\.count)
        #expect(byPage == ["1": 8, "2": 11, "3": 7, "4": 5])

        let editorial = try #require(input.articles.first)
        #expect(editorial.title == "领导干部要保持清醒 自觉抵制违规吃喝")
        #expect(editorial.byline == "湖北日报评论员" && editorial.authors.isEmpty)
        #expect(editorial.body.hasPrefix("向“舌尖上的歪风”亮剑"))
        #expect(editorial.source == "http://epaper.hubeidaily.net/pc/content/202302/11/content_211250.html")

        let study = try #require(input.articles.first { $0.source?.hasSuffix("211268.html") == true })
        #expect(study.kicker == "新进中央委员会的委员、候补委员和省部级主要领导干部")
        #expect(study.title == "学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神研讨班结业")

        let commentary = try #require(input.articles.first { $0.source?.hasSuffix("211269.html") == true })
        #expect(commentary.subtitle == "论深入学习领会习近平总书记在学习贯彻党的二十大精神研讨班开班式上重要讲话")

        let carbon = try #require(input.articles.first { $0.source?.hasSuffix("211261.html") == true })
        #expect(carbon.kicker == "全国碳市场和碳金融中心建设蹄疾步稳" && carbon.title == "中碳登喜迎首批“碳客”")
        #expect(carbon.captions == ["2月7日，中碳登大厦3楼登记结算大厅内，工作人员为用户提供咨询服务。（湖北日报全媒记者 柯皓 摄）"])
        #expect(carbon.authors == ["左晨"] && carbon.byline == "湖北日报全媒记者 左晨")
        #expect(carbon.body.hasPrefix("新年伊始"))
        #expect(carbon.body.contains("## 新增200多家重点排放企业"))

        let photo = try #require(input.articles.first { $0.source?.hasSuffix("211263.html") == true })
        #expect(photo.title == "东贝电机 产销两旺")
        #expect(photo.authors == ["薛婷", "肖江涛", "张成"])
        #expect(photo.body.hasPrefix("2月10日，大冶湖高新区"))

        let finance = try #require(input.articles.first { $0.source?.hasSuffix("211262.html") == true })
        #expect(finance.authors == ["张阳春", "熊能"], "from the 湖北日报讯 dateline")
        #expect(finance.body.hasPrefix("湖北日报讯 （记者张阳春、通讯员熊能）39天时间"), "the dateline stays as printed")

        let meeting = try #require(input.articles.first { $0.source?.hasSuffix("211243.html") == true })
        #expect(meeting.captions == ["2月10日，国家主席习近平在北京钓鱼台国宾馆会见柬埔寨首相洪森。（新华社发）"])
        #expect(meeting.body.hasPrefix("新华社北京2月10日电"))
    }
}
