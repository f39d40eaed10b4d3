/// Markdown that is nothing but paragraphs of plain text and `#` headings: what libcmark makes of
/// it, made without libcmark. Nearly every article body is such text (ingest writes paragraphs and
/// `## ` subheads), and each body is converted whenever its page is rendered and parsed again
/// whenever its search block is made: libcmark's parse was a fifth of an article-template edit.
///
/// A body qualifies only when no byte of it could begin markup, so that its blocks are its lines:
/// no byte below a space but the line feed, none of `\` `` ` `` `_` `[` `]` `<` `&`, no line that
/// begins with a space, `>`, `-`, `+`, `=`, `~` or digits followed by `.` or `)`, or that ends with
/// a space, no `#` but a heading's own (one to six, a space, then text), and no byte order mark.
/// The one markup it may hold is `**strong**` within a line, each `**` between letters on the
/// side of its text (a Chinese character, an ASCII letter or digit), where CommonMark's rules for
/// delimiters cannot read it any other way. Anything else is libcmark's. `PlainMarkdownTests`
/// holds the two to the same output.
enum PlainMarkdown {
    /// What a plain body is made of, in order, for `scan` to hand on.
    protocol Sink {
        /// A paragraph (`level` 0) or a heading (`level` 1–6) begins.
        mutating func startBlock(level: Int)
        /// A line of a paragraph ends and another follows.
        mutating func lineBreak()
        /// Text as written (UTF-8).
        mutating func text(_ run: UnsafeBufferPointer<UInt8>)
        /// `"` or `>`: text that HTML writes escaped.
        mutating func escaped(_ byte: UInt8)
        /// `**` opens (or closes) strong text.
        mutating func strong(opening: Bool)
        mutating func endBlock(level: Int)
    }

    /// The HTML libcmark makes of plain `markdown`, appended to `output`; false (nothing appended)
    /// when `markdown` is not plain.
    static func appendHTML(of markdown: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        let start = output.count
        // The buffer is lent to the sink and taken back: no copy of it, and no pointer to it.
        var sink = HTMLSink()
        swap(&sink.output, &output)
        let plain = scan(markdown, into: &sink)
        swap(&sink.output, &output)
        if !plain { output.removeSubrange(start...) }
        return plain
    }

    /// Calls `text` with the pieces of each block of plain `markdown` (`**` left out, a space for
    /// each line break), then `endBlock`, as libcmark's walk does (`Markdown.forEachTextBlock`);
    /// false (nothing called) when `markdown` is not plain.
    static func forEachTextBlock(
        in markdown: UnsafeBufferPointer<UInt8>, text: (UnsafeBufferPointer<UInt8>) -> Void, endBlock: () -> Void
    ) -> Bool {
        // Checked whole first: a piece handed on cannot be taken back.
        guard isPlain(markdown) else { return false }
        withoutActuallyEscaping(text) { text in
            withoutActuallyEscaping(endBlock) { endBlock in
                var sink = TextSink(piece: text, end: endBlock)
                _ = scan(markdown, into: &sink)
            }
        }
        return true
    }

    /// Whether `markdown` is plain (see above).
    static func isPlain(_ markdown: UnsafeBufferPointer<UInt8>) -> Bool {
        var sink = CheckSink()
        return scan(markdown, into: &sink)
    }

    /// Reads `markdown` into `sink` while it is plain; false as soon as it is not (`sink` has then
    /// had part of it).
    static func scan<Output: Sink>(_ markdown: UnsafeBufferPointer<UInt8>, into sink: inout Output) -> Bool {
        let count = markdown.count
        if count >= 3 && markdown[0] == 0xEF && markdown[1] == 0xBB && markdown[2] == 0xBF { return false }
        var index = 0
        var inParagraph = false
        while index < count {
            // At the start of a line.
            if markdown[index] == UInt8(ascii: "\n") {
                if inParagraph { sink.endBlock(level: 0) }
                inParagraph = false
                index += 1
                continue
            }
            guard let contentStart = lineContent(markdown, from: index) else { return false }
            let level = contentStart > index ? contentStart - index - 1 : 0
            if level > 0 {
                if inParagraph { sink.endBlock(level: 0) }
                inParagraph = false
                sink.startBlock(level: level)
            } else if inParagraph {
                sink.lineBreak()
            } else {
                sink.startBlock(level: 0)
                inParagraph = true
            }
            guard let lineEnd = scanLine(markdown, from: contentStart, heading: level > 0, into: &sink) else {
                return false
            }
            if level > 0 { sink.endBlock(level: level) }
            index = lineEnd + 1
        }
        if inParagraph { sink.endBlock(level: 0) }
        return true
    }

    /// Reads the text of a line into `sink`; where the line ends (its line feed, or the end), or nil
    /// when it holds markup.
    private static func scanLine<Output: Sink>(
        _ markdown: UnsafeBufferPointer<UInt8>, from start: Int, heading: Bool, into sink: inout Output
    ) -> Int? {
        var index = start
        var run = start
        var strongOpen = false
        func endRun() {
            if index > run { sink.text(UnsafeBufferPointer(rebasing: markdown[run..<index])) }
        }
        scanning: while index < markdown.count {
            let byte = markdown[index]
            // Most of a Chinese body: bytes of characters beyond ASCII.
            if byte >= 0x80 {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"):
                break scanning
            case UInt8(ascii: "\""), UInt8(ascii: ">"):
                endRun()
                sink.escaped(byte)
                index += 1
                run = index
            case UInt8(ascii: "*"):
                guard isStrongDelimiter(markdown, at: index, opening: !strongOpen) else { return nil }
                endRun()
                sink.strong(opening: !strongOpen)
                strongOpen.toggle()
                index += 2
                run = index
            default:
                if byte < 0x20 || isMarkup(byte) || (heading && byte == UInt8(ascii: "#")) { return nil }
                index += 1
            }
        }
        endRun()
        return strongOpen || markdown[index - 1] == UInt8(ascii: " ") ? nil : index
    }

    /// HTML as libcmark writes it.
    private struct HTMLSink: Sink {
        var output: [UInt8] = []

        mutating func startBlock(level: Int) { output.append(contentsOf: level == 0 ? "<p>".utf8 : "<h\(level)>".utf8) }
        mutating func lineBreak() { output.append(UInt8(ascii: "\n")) }
        mutating func text(_ run: UnsafeBufferPointer<UInt8>) { output.append(contentsOf: run) }
        mutating func escaped(_ byte: UInt8) {
            output.append(contentsOf: byte == UInt8(ascii: "\"") ? "&quot;".utf8 : "&gt;".utf8)
        }
        mutating func strong(opening: Bool) { output.append(contentsOf: opening ? "<strong>".utf8 : "</strong>".utf8) }
        mutating func endBlock(level: Int) {
            output.append(contentsOf: level == 0 ? "</p>\n".utf8 : "</h\(level)>\n".utf8)
        }
    }

    /// The pieces of each block's text.
    private struct TextSink: Sink {
        let piece: (UnsafeBufferPointer<UInt8>) -> Void
        let end: () -> Void

        func startBlock(level: Int) {}
        func lineBreak() { withUnsafeBytes(of: UInt8(ascii: " ")) { piece($0.bindMemory(to: UInt8.self)) } }
        func text(_ run: UnsafeBufferPointer<UInt8>) { piece(run) }
        func escaped(_ byte: UInt8) { withUnsafeBytes(of: byte) { piece($0.bindMemory(to: UInt8.self)) } }
        func strong(opening: Bool) {}
        func endBlock(level: Int) { end() }
    }

    /// Nothing: whether the text is plain.
    private struct CheckSink: Sink {
        func startBlock(level: Int) {}
        func lineBreak() {}
        func text(_ run: UnsafeBufferPointer<UInt8>) {}
        func escaped(_ byte: UInt8) {}
        func strong(opening: Bool) {}
        func endBlock(level: Int) {}
    }

    /// Whether the `*` at `index` begins a `**` that can only open (or close) `<strong>` here: two
    /// stars, with a letter on the side of the strong text, so that no rule of CommonMark's about
    /// punctuation or spaces beside a delimiter applies.
    private static func isStrongDelimiter(_ markdown: UnsafeBufferPointer<UInt8>, at index: Int, opening: Bool)
        -> Bool
    {
        guard index + 1 < markdown.count, markdown[index + 1] == UInt8(ascii: "*") else { return false }
        if opening {
            guard index + 2 < markdown.count else { return false }
            return isLetter(SearchText.scalar(at: index + 2, in: markdown.baseAddress!).value)
        }
        // The character before: back over UTF-8 continuation bytes to its first byte.
        guard index > 0, markdown[index - 1] != UInt8(ascii: "*") else { return false }
        var first = index - 1
        while first > 0 && markdown[first] & 0xC0 == 0x80 { first -= 1 }
        let follows = index + 2 < markdown.count ? markdown[index + 2] : UInt8(ascii: "\n")
        return follows != UInt8(ascii: "*") && isLetter(SearchText.scalar(at: first, in: markdown.baseAddress!).value)
    }

    /// A letter in CommonMark's sense and beyond doubt: neither space nor punctuation in any
    /// version of Unicode.
    private static func isLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x3400...0x4DBF, 0x4E00...0x9FFF: return true
        default: return false
        }
    }

    /// Where the text of the line starting at `start` begins (after a heading's `## `), or nil when
    /// the line's start could be markup.
    private static func lineContent(_ markdown: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        switch markdown[start] {
        case UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "="),
            UInt8(ascii: "~"):
            return nil
        case UInt8(ascii: "#"):
            var end = start
            while end < markdown.count && markdown[end] == UInt8(ascii: "#") { end += 1 }
            guard end - start <= 6, end + 1 < markdown.count, markdown[end] == UInt8(ascii: " "),
                markdown[end + 1] != UInt8(ascii: " "), markdown[end + 1] != UInt8(ascii: "\n")
            else { return nil }
            return end + 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var end = start
            while end < markdown.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(markdown[end]) { end += 1 }
            if end < markdown.count && (markdown[end] == UInt8(ascii: ".") || markdown[end] == UInt8(ascii: ")")) {
                return nil
            }
            return start
        default:
            return start
        }
    }

    /// Whether `byte` may begin markup anywhere in a line.
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "_"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "<"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }
}
