import SitegenKit

/// Photo captions as pages print them: a description ending in a credit (`… 李艳秋 摄`,
/// `… 德格县融媒体中心供图`, `…（新华社发）`, `（记者 X 摄）`), or, in a run of captions under
/// the headline, a sentence followed by its source (`丰收乐开怀。 白玉县融媒体中心`).
enum Captions {
    /// Ends in a photo credit.
    static func isCredited(_ line: String) -> Bool {
        guard line.utf8.count <= 660, line.count <= 220 else { return false }
        // Only the end of a line can hold a credit.
        var text = Substring(line.suffix(40))
        while let last = text.last, "）)】] ".contains(last) { text = text.dropLast() }
        if text.hasSuffix("摄") { return !text.hasSuffix("拍摄") && !text.hasSuffix("所摄") }
        if ["摄影", "供图", "资料图片", "资料图", "图片来源于网络", "视觉中国"].contains(where: { text.hasSuffix($0) }) { return true }
        // （新华社发）, （人民网发 记者 X 摄）
        if text.hasSuffix("发"), line.last == "）" || line.last == ")" {
            let inner = text.split(whereSeparator: { "（(".contains($0) }).last ?? ""
            return inner.count <= 20
                && ["社", "网", "报", "台"].contains(where: { inner.dropLast().hasSuffix($0) || inner.contains($0) })
        }
        return line.hasPrefix("图为") && line.count <= 120
    }

    /// Only a credit (`新华社记者 张三摄`, `（记者 X 摄）`): no description of its own.
    static func isCreditOnly(_ line: String) -> Bool {
        line.count <= 30 && !line.contains { "。！？，,".contains($0) } && isCredited(line)
    }

    /// `丰收乐开怀。 白玉县融媒体中心`: one sentence, then a short source after a space.
    static func isSentenceWithCredit(_ line: String) -> Bool {
        guard line.count <= 120, let stop = line.lastIndex(where: { $0 == "。" || $0 == "！" }) else { return false }
        let tail = line[line.index(after: stop)...]
        guard let first = tail.first, TextLine.spaces.contains(first) else { return false }
        let credit = tail.drop { TextLine.spaces.contains($0) }
        // `…特点。 (吕劲)`: a bracketed name after a sentence is a brief's writer, not a photo's source.
        if let first = credit.first, "(（".contains(first) { return false }
        return (2...20).contains(credit.count) && !credit.contains { "。，,！？；".contains($0) }
    }
}
