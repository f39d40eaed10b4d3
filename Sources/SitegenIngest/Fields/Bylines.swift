import SitegenKit

/// Bylines as e-paper pages print them, and the author names in them: a bare name line
/// (`陈义`), `本报讯 记者 X Y`, `通讯员 X`, `作者:X`, `□X`, `◎X`, `● X`, a trailing
/// `(本报记者 A、B整理)`, several names separated by `、` or spaces.
enum Bylines {
    struct Byline: Equatable {
        var authors: [String]
        /// The byline as printed, when it says more than the names.
        var printed: String?
    }

    static let decorations: Set<Character> = ["□", "◎", "●", "○", "■", "◆", "◇", "★", "☆", "▲", "△", "▶", "◉"]
    /// Words naming a role next to names.
    static let roles: Set<String> = [
        "本报特约记者", "特约撰稿人", "特约通讯员", "特约记者", "见习记者", "实习记者", "首席记者", "融媒记者", "全媒记者",
        "本报记者", "通讯员", "实习生", "记者", "作者", "撰文", "整理", "报道", "采写", "文字", "摄影",
        "供图", "摄", "文", "图", "本报讯",
    ]
    static let rolePrefixes = roles.filter { $0.count >= 2 }.sorted { $0.count > $1.count }
    /// Endings of words that are institutions or roles, never a person (本报评论员, 融媒体中心).
    static let institutionEndings = [
        "评论员", "中心", "部", "社", "局", "站", "台", "报", "网", "委", "办", "组", "编辑", "团", "院", "会", "队", "厅",
        "记者", "通讯员", "市", "县", "省", "镇", "乡", "村", "族",
    ]
    /// Labels that are short like names but are not (编者按 …).
    static let notNames: Set<String> = [
        "编者按", "编者的话", "按语", "导读", "核心提示", "提要", "摘要", "图片新闻", "短评", "社论",
        "评论", "快讯", "简讯", "新闻", "要闻", "头版", "广告", "声明", "公告", "启事", "通知",
    ]

    /// A line that is a byline by its form (decoration, role or label first), not by position.
    static func marked(_ line: String) -> Byline? {
        guard line.count <= 48, !line.endsSentence else { return nil }
        var text = Substring(line)
        var decorated = false
        while let first = text.first, decorations.contains(first) {
            decorated = true
            text = text.dropFirst().drop { TextLine.spaces.contains($0) }
        }
        let body = String(text)
        if decorated {
            return body.isEmpty ? nil : parse(body)
        }
        for label in ["作者:", "作者：", "文/", "文／", "文 / ", "撰文/", "撰文:", "撰稿:"] where body.hasPrefix(label) {
            return parse(body)
        }
        let leading = ["本报记者", "本报讯", "记者", "通讯员", "特约记者", "见习记者", "实习生", "首席记者", "本报特约"]
        let rolePrefix = leading.contains { body.hasPrefix($0) } || mediaReporterPrefix(body) != nil
        if rolePrefix, !body.contains("电"), body.count <= 40 {
            let byline = parse(body)
            return byline.authors.isEmpty && !body.contains("记者") && !body.contains("评论员") ? nil : byline
        }
        return nil
    }

    /// `（本报记者 A、B整理）` or a photo credit `（记者 A 摄）` on its own line.
    static func trailing(_ line: String) -> Byline? {
        guard line.count <= 60, let first = line.first, let last = line.last,
            "（(".contains(first), "）)".contains(last)
        else { return nil }
        let inner = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        guard ["记者", "通讯员", "整理", "作者"].contains(where: { inner.contains($0) }), !inner.contains("电") else {
            return nil
        }
        let byline = parse(inner)
        guard !byline.authors.isEmpty else { return nil }
        return Byline(authors: byline.authors, printed: inner)
    }

    /// A line holding only names (`陈义`, `陈义 和丽`, `扎西·次仁`), as bare author lines print.
    /// `strict` asks a single name to start with a common surname.
    static func bareNames(_ line: String, strict: Bool) -> [String]? {
        guard line.count <= 24, !line.endsSentence, !notNames.contains(line) else { return nil }
        // `张含田 (新乡市)`, `扎西 (藏族)`: a name with its place or people in brackets.
        if let last = line.last, ")）".contains(last), let open = line.lastIndex(where: { "(（".contains($0) }),
            line[line.index(after: open)...].dropLast().allSatisfy(\.isHan)
        {
            let name = TextLine.trim(line[..<open])
            return name.isEmpty ? nil : bareNames(name, strict: strict)
        }
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "、" || $0 == "\u{3000}" || $0 == "," || $0 == "，" }
        )
        guard !tokens.isEmpty, tokens.count <= 6 else { return nil }
        var names: [String] = []
        for token in tokens {
            let name = String(token)
            guard isName(name, maxLength: strict ? 4 : 6) else { return nil }
            if strict, tokens.count == 1, !Surnames.starts(name), !name.contains("·") { return nil }
            names.append(name)
        }
        return names
    }

    /// The writer's credit closing a paragraph, after its last sentence: `…特点。 (吕劲)`,
    /// `…。(新华社记者 宋为伟 摄)`, `…比赛。(殷洁 叶强平 摄影报道)`, or a credit line of its own
    /// (`本报特约记者 李经川 摄`). Bare names must start with a common surname.
    static func endCredit(_ paragraph: String) -> [String] {
        let core = paragraph.reversed().drop { !$0.isHan && !")）".contains($0) && !$0.isLetter }
        guard core.count <= 400 else { return [] }
        let text = String(core.reversed())
        let inner: Substring
        let bracketed: Bool
        if let last = text.last, ")）".contains(last) {
            guard let open = text.lastIndex(where: { "(（".contains($0) }) else { return [] }
            let before = text[..<open].last
            guard before == nil || before!.isWhitespace || "。！？”\"".contains(before!) else { return [] }
            inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            bracketed = true
        } else {
            // An unbracketed credit after the last sentence: a role, names, 摄.
            let tail = text.lastIndex(where: { "。！？".contains($0) }).map { text[text.index(after: $0)...] } ?? text[...]
            inner = Substring(TextLine.trim(tail))
            guard inner.hasSuffix("摄") || inner.hasSuffix("摄影") else { return [] }
            bracketed = false
        }
        guard inner.count <= 30, !inner.contains(where: \.isASCIIDigit), !inner.contains("电"), !inner.contains("据")
        else { return [] }
        let found = parse(String(inner))
        guard !found.authors.isEmpty else { return [] }
        let hasRole = roles.contains { $0.count >= 2 && inner.contains($0) } || (bracketed && inner.hasSuffix("摄"))
        if !bracketed, !hasRole { return [] }
        if !hasRole, !found.authors.allSatisfy({ Surnames.starts($0) && $0.count <= 3 }) { return [] }
        return found.authors
    }

    /// A paragraph opening with a news dateline: `本报讯 …`, `湖北日报讯(记者 …)`, `新华社北京7月13日电`.
    static func opensWithDateline(_ paragraph: String) -> Bool {
        let head = paragraph.prefix(16)
        return head.prefix(13).contains("讯") || (head.contains("社") && head.contains("日电"))
    }

    /// Authors named in an inline dateline opening a paragraph: `湖北日报讯 （记者张阳春、通讯员熊能）…`,
    /// `本报讯 记者 陈义 报道：…`. The paragraph itself stays as printed.
    static func dateline(_ paragraph: String) -> [String] {
        guard let mark = paragraph.prefix(13).firstIndex(of: "讯") else { return [] }
        var rest = paragraph[paragraph.index(after: mark)...].drop { TextLine.spaces.contains($0) }
        if let first = rest.first, "（(".contains(first) {
            rest = rest.dropFirst()
            guard let close = rest.prefix(60).firstIndex(where: { "）)".contains($0) }) else { return [] }
            return parse(String(rest[..<close])).authors
        }
        // 本报讯 记者 陈义 报道：… — names up to the first colon.
        guard let colon = rest.prefix(40).firstIndex(where: { $0 == "：" || $0 == ":" }) else { return [] }
        let head = String(rest[..<colon])
        guard head.contains("记者") || head.contains("通讯员") else { return [] }
        return parse(head).authors
    }

    /// The names in a byline text, and the text itself when it says more than the names.
    static func parse(_ text: String) -> Byline {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        for label in ["作者:", "作者：", "作者 "] where cleaned.hasPrefix(label) {
            cleaned = String(cleaned.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        let separators: Set<Character> = [
            " ", "\u{3000}", "、", "，", ",", "/", "／", "（", "）", "(", ")", "|", ";", "；", "：", ":",
        ]
        var names: [String] = []
        var extra = false
        for raw in cleaned.split(whereSeparator: { separators.contains($0) }) {
            var token = Substring(raw)
            var changed = true
            while changed, !token.isEmpty {
                changed = false
                if roles.contains(String(token)) {
                    extra = extra || token != "作者"
                    token = ""
                    break
                }
                if let media = mediaReporterPrefix(String(token)) {
                    token = token.dropFirst(media)
                    changed = true
                    extra = true
                    continue
                }
                if let role = rolePrefixes.first(where: { token.hasPrefix($0) && token.count > $0.count }) {
                    token = token.dropFirst(role.count)
                    changed = true
                    extra = extra || role != "作者"
                    continue
                }
                if let ending = ["整理", "报道", "采写", "摄影", "供图", "摄"].first(where: {
                    token.hasSuffix($0) && token.count > $0.count + 1
                }) {
                    token = token.dropLast(ending.count)
                    changed = true
                    extra = true
                }
            }
            let name = String(token)
            if name.isEmpty { continue }
            if isName(name, maxLength: 6) {
                names.append(name)
            } else {
                extra = true
            }
        }
        return Byline(authors: names, printed: extra ? cleaned : nil)
    }

    /// A person's name: 2–4 Han characters (6 when the form says it is a name), or names joined
    /// with `·` (扎西·次仁).
    static func isName(_ text: String, maxLength: Int = 4) -> Bool {
        guard !notNames.contains(text), !institutionEndings.contains(where: { text.hasSuffix($0) }) else {
            return false
        }
        let parts = text.split(separator: "·", omittingEmptySubsequences: false)
        if parts.count > 1 {
            return parts.count <= 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isHan) }
        }
        return (2...maxLength).contains(text.count) && text.allSatisfy(\.isHan)
    }

    /// Length of a leading `湖北日报全媒记者`, `新华社记者`, `XX日报讯`: a medium's name and a role.
    static func mediaReporterPrefix(_ text: String) -> Int? {
        for ending in ["全媒记者", "融媒记者", "记者", "讯", "评论员"] {
            guard let range = text.range(of: ending) else { continue }
            let head = text[..<range.lowerBound]
            if head.count >= 2, head.count <= 10, head.allSatisfy(\.isHan),
                ["报", "社", "台", "网", "中心", "媒体"].contains(where: { head.hasSuffix($0) })
            {
                return head.count + ending.count
            }
        }
        return nil
    }
}

/// The commonest Chinese surnames, to tell a bare one-name author line from a short title.
enum Surnames {
    static let compound: [String] = [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文",
    ]
    static let single: Set<Character> = Set(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    )

    static func starts(_ name: String) -> Bool {
        guard let first = name.first else { return false }
        return single.contains(first) || compound.contains(where: { name.hasPrefix($0) })
    }
}
