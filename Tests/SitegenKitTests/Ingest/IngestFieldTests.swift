import Testing

@testable import SitegenIngest
@testable import SitegenKit

/// The printed conventions the issue lists, one by one.
@Suite struct IngestFieldTests {
    func date(_ text: String) -> String? { DateText.first(in: text)?.iso }

    @Test func datesAsPagesPrintThem() {
        #expect(date("  2018年7月19日 星期  ") == "2018-07-19")
        #expect(date("2024年09月12日") == "2024-09-12")
        #expect(date("2025.12.22星期一") == "2025-12-22")
        #expect(date("( 2019-10-12 )") == "2019-10-12")
        #expect(date("《 舟山晚报 》( 2025年12月18日 第 02 版 )") == "2025-12-18")
        #expect(date("至2018年6月底") == nil)
        #expect(date("2018年2月30日") == nil)
        #expect(TextDumpParser.dateLine("光明日报 2012年10月27日 星期六")?.iso == "2012-10-27")
        #expect(
            TextDumpParser.dateLine("至2018年6月30日,完成农村劳动力技能培训1371人次,精准扶贫户劳动力转移1111人。") == nil,
            "a date inside prose is not the issue's date")
    }

    @Test func datesInAddresses() {
        #expect(DateText.fromURL("http://x.cn/html/2018-07/19/content_123.htm")?.iso == "2018-07-19")
        #expect(DateText.fromURL("http://x.cn/pc/202412/10/content_48233.html")?.iso == "2024-12-10")
        #expect(
            DateText.fromURL("http://epaper.gmw.cn/gmrb/html/2012-10/27/nw.D110000gmrb_20121027_2-06.htm")?.iso
                == "2012-10-27")
        #expect(
            DateText.fromURL("https://epaper.guilinlife.com/glrbh5/glrb/20250714/Page03BC.htm")?.iso == "2025-07-14")
        #expect(DateText.fromURL("http://x.cn/node_2.htm") == nil)
    }

    @Test func pagesAndPageNames() {
        #expect(
            PageText.entry(atStartOf: "第3版:要闻 上一版3  4下一版")
                == .init(label: PageLabel("3")!, name: "要闻", rest: "上一版3  4下一版"))
        #expect(PageText.entry(atStartOf: "03版:要 闻")?.name == "要闻")
        #expect(PageText.entry(atStartOf: "第A01版：要闻")?.label == PageLabel("A1"))
        #expect(PageText.entry(atStartOf: "第1版")?.name == nil)
        #expect(PageText.entry(atStartOf: "版权所有") == nil)
        #expect(PageText.mention(in: "作者:雷收麦 《光明日报》( 2012年10月27日 06版)") == PageLabel("6"))
        #expect(PageText.mention(in: "( 2025年12月18日 第 02 版 )") == PageLabel("2"))
        #expect(
            AddressSchemes.place(
                of: "http://epaper.gmw.cn/gmrb/html/2012-10/27/nw.D110000gmrb_20121027_2-06.htm?div=-1"
            ).page == PageLabel("6"))
        #expect(AddressSchemes.place(of: "http://x.cn/pc/layout/202302/11/node_03.html").page == PageLabel("3"))
        #expect(
            AddressSchemes.place(of: "http://x.cn/html/2023-02/10/node_2.htm").page == nil,
            "node_2 is 第01版 on classic sites")
    }

    @Test func bylines() {
        #expect(Bylines.marked("本报讯 记者 陈义 和丽") == .init(authors: ["陈义", "和丽"], printed: "本报讯 记者 陈义 和丽"))
        #expect(Bylines.marked("通讯员 李明") == .init(authors: ["李明"], printed: "通讯员 李明"))
        #expect(Bylines.marked("作者:雷收麦") == .init(authors: ["雷收麦"], printed: nil))
        #expect(Bylines.marked("□新华社记者") == .init(authors: [], printed: "新华社记者"))
        #expect(Bylines.marked("◎冯丽娜") == .init(authors: ["冯丽娜"], printed: nil))
        #expect(Bylines.marked("● 苗海川") == .init(authors: ["苗海川"], printed: nil))
        #expect(Bylines.marked("□ 张三 李四") == .init(authors: ["张三", "李四"], printed: nil))
        #expect(Bylines.marked("◎扎西·次仁、斯那卓玛") == .init(authors: ["扎西·次仁", "斯那卓玛"], printed: nil))
        #expect(Bylines.marked("记者:人才从哪里来?") == nil)
        #expect(Bylines.trailing("(本报记者 A、B整理)") == nil, "A and B are not names")
        #expect(Bylines.trailing("（本报记者 张三、李四整理）") == .init(authors: ["张三", "李四"], printed: "本报记者 张三、李四整理"))
        #expect(Bylines.trailing("（新华社北京2月10日电）") == nil)
        #expect(Bylines.dateline("湖北日报讯 （记者张阳春、通讯员熊能）39天时间") == ["张阳春", "熊能"])
        #expect(Bylines.dateline("本报讯 记者 陈义 报道：7月18日，") == ["陈义"])
        #expect(Bylines.bareNames("陈义", strict: true) == ["陈义"])
        #expect(Bylines.bareNames("编者按", strict: false) == nil)
        #expect(Bylines.bareNames("要靠人才", strict: true) == nil)
    }

    @Test func captions() {
        #expect(Captions.isCredited("丰收的“足迹”。 李艳秋 摄"))
        #expect(Captions.isCredited("清甜萝卜喜迎丰收。 德格县融媒体中心供图"))
        #expect(Captions.isCredited("2月10日，习近平会见洪森。（新华社发）"))
        #expect(Captions.isCredited("（湖北日报全媒记者 薛婷 摄）"))
        #expect(!Captions.isCredited("我们在这里拍摄"))
        #expect(Captions.isSentenceWithCredit("丰收乐开怀。 白玉县融媒体中心"))
        #expect(!Captions.isSentenceWithCredit("丰收乐开怀。农民们在田间忙碌着,脸上洋溢着笑容。"))
    }

    @Test func chrome() {
        for line in [
            "3 上一篇  下一篇 4 放大 缩小 默认", "设为首页 | 加入收藏 | 关于我们 | 网站地图", "2001-2007 diqing daily All Right Reserved",
            "迪庆日报社香格里拉新闻网版权所有", "  • 时政".trimmingCharacters(in: .whitespaces), "首页English", "【PDF版】", "我要评报",
        ] {
            #expect(ChromeText.isChrome(line), "\(line)")
        }
        for line in ["上下联动,聚焦发力", "党建引领聚合力 打赢脱贫攻坚战", "分享经济的新模式正在兴起"] {
            #expect(!ChromeText.isChrome(line), "\(line)")
        }
    }

    @Test func headlines() {
        #expect(
            ArticleDraft.headline(["党建引领聚合力 打赢脱贫攻坚战", "——三坝乡抓党建促脱贫攻坚工作纪实"]) == (
                nil, "党建引领聚合力 打赢脱贫攻坚战", "三坝乡抓党建促脱贫攻坚工作纪实"
            ))
        #expect(ArticleDraft.headline(["光明情结", "从读者到作者"]) == ("光明情结", "从读者到作者", nil))
        #expect(ArticleDraft.headline(["引题", "主题", "副题"]) == ("引题", "主题", "副题"))
        #expect(ArticleDraft.join(["习近平向苏里南", "当选总统西蒙斯致贺电"]) == "习近平向苏里南当选总统西蒙斯致贺电")
    }

    @Test func bodyMarkdown() {
        #expect(
            BodyComposer.markdown([
                "第一段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。", "小标题",
                "第二段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。",
            ])
                == "第一段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n\n## 小标题\n\n第二段很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。")
        #expect(BodyComposer.markdown(["床前明月光", "疑是地上霜", "举头望明月", "低头思故乡"]) == "床前明月光\\\n疑是地上霜\\\n举头望明月\\\n低头思故乡")
        #expect(MarkdownText.escape("1. 交易对象") == "1\\. 交易对象")
        #expect(MarkdownText.escape("#话题 *重点* <b>") == "\\#话题 \\*重点\\* \\<b\\>")
    }
}
