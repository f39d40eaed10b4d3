import Foundation

/// `sitegen check` on the inputs: every problem the build refuses (from `ContentLoader` and
/// `TemplateSet`, which collect them all with path and line), plus what the build tolerates but
/// an editor should look at.
public struct ContentChecker: Sendable {
    public let content: URL
    public let displayContent: String
    /// The day the check runs; articles dated after it are reported.
    public let today: IssueDate

    public init(content: URL, displayContent: String? = nil, today: IssueDate = Self.today()) {
        self.content = content
        self.displayContent = displayContent ?? content.path
        self.today = today
    }

    /// Today's date where it is latest (UTC+14), so that no paper's today is called the future.
    public static func today(at now: Date = Date()) -> IssueDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 14 * 3600) ?? .current
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        return IssueDate(year: day.year ?? 0, month: day.month ?? 1, day: day.day ?? 1) ?? IssueDate(
            year: 9999, month: 12, day: 31)!
    }

    public func findings() -> [Finding] {
        let loader = ContentLoader(root: content, displayRoot: displayContent)
        let (loaded, problems) = loader.loadReportingProblems()
        var findings = problems.map { Finding($0, code: .content) }
        let archive = Archive(articles: loaded.articles, listings: loaded.listings, site: loaded.site)
        findings += titleListWarnings(archive, listings: loaded.listings, display: loader.display)
        findings += articleWarnings(archive, display: loader.display)
        findings += weekdayWarnings(archive, display: loader.display)
        findings += calendarGaps(archive, display: loader.display)
        findings += futureDates(archive, display: loader.display)
        findings += oldFieldNames(archive, display: loader.display)
        findings += mediaFindings(archive, listings: loaded.listings, media: loaded.media, display: loader.display)
        return findings
    }

    /// The editors' title lists (issue.yml) against the archived articles.
    func titleListWarnings(_ archive: Archive, listings: [IssueListing], display: (String) -> String) -> [Finding] {
        let listingByDate = Dictionary(listings.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        var findings: [Finding] = []
        for issue in archive.issues {
            guard let listing = listingByDate[issue.date] else { continue }
            let path = listing.sourcePath
            for page in issue.pages {
                let listed = listing.pages.first { $0.page == page.label }
                for entry in page.entries where entry.article == nil {
                    findings.append(
                        Finding(
                            .unarchivedTitle, path: path, line: listed?.line,
                            "\(page.label.chineseName) title \(entry.position) 「\(entry.title)」 has no article",
                            fix:
                                "add \(display(Article.Slot(date: issue.date, page: page.label, order: entry.position).contentPath)), or leave it when the article was not kept"
                        ))
                }
                for index in page.articleRange {
                    let article = archive.articles[index]
                    let articlePath = display(article.sourcePath)
                    guard let listed else {
                        findings.append(
                            Finding(
                                .unlistedArticle, path: articlePath, line: article.titleLine,
                                "\(page.label.chineseName) is not in \(path), which lists the issue's pages",
                                fix:
                                    "add `- page: \(page.label)` (with its name and titles) to \(path), or correct the article's `page`"
                            ))
                        continue
                    }
                    // issue.yml may hold a shortened title (宣讲十九大精神 for 宣讲十九大精神 <深入基层>).
                    let title = Self.normalized(article.title)
                    let titles = listed.titles.map(Self.normalized)
                    guard !titles.isEmpty, !titles.contains(where: { title.contains($0) || $0.contains(title) }) else {
                        continue
                    }
                    findings.append(
                        Finding(
                            .unlistedArticle, path: articlePath, line: article.titleLine,
                            "「\(article.title)」 is not in the titles \(path) lists for \(page.label.chineseName)",
                            fix:
                                "add the title to that page's `titles` at position \(article.order), or correct the article's title, page or position"
                        ))
                }
            }
        }
        return findings
    }

    /// Empty bodies and titles printed twice on one page.
    func articleWarnings(_ archive: Archive, display: (String) -> String) -> [Finding] {
        var findings: [Finding] = []
        for article in archive.articles where article.body.allSatisfy(\.isWhitespace) {
            findings.append(
                Finding(
                    .emptyBody, path: display(article.sourcePath), line: article.titleLine,
                    "「\(article.title)」 has no text after its front matter",
                    fix: "add the article's text below the closing `---`, or remove the file"))
        }
        for issue in archive.issues {
            for page in issue.pages {
                var first: [String: Article] = [:]
                for index in page.articleRange {
                    let article = archive.articles[index]
                    let key = Self.normalized(article.title)
                    if let earlier = first[key] {
                        findings.append(
                            Finding(
                                .duplicateTitle, path: display(article.sourcePath), line: article.titleLine,
                                "has the same title as \(display(earlier.sourcePath)) on \(page.label.chineseName): 「\(article.title)」",
                                fix: "check whether one is a copy of the other; remove it or correct its title"))
                    } else {
                        first[key] = article
                    }
                }
            }
        }
        return findings
    }

    /// Printed weekdays (front matter `weekday`, from the source's date line) that the calendar
    /// contradicts: the date, or the weekday, was misread or misprinted.
    func weekdayWarnings(_ archive: Archive, display: (String) -> String) -> [Finding] {
        archive.articles.compactMap { article in
            guard let printed = article.weekday else { return nil }
            let path = display(article.sourcePath)
            let line = article.weekdayLine ?? article.titleLine
            guard let number = IssueDate.weekday(printed: printed) else {
                return Finding(
                    .weekdayMismatch, path: path, line: line,
                    printed.isEmpty ? "`weekday` is not text" : "printed weekday \(printed) is not a weekday",
                    fix: "write the weekday as printed (星期一 … 星期日, or 周一 … 周日), or remove the line")
            }
            guard number != article.date.weekday else { return nil }
            return Finding(
                .weekdayMismatch, path: path, line: line,
                "printed weekday \(printed) but \(article.date.iso) was a \(article.date.chineseWeekday)",
                fix: "correct the date or the weekday")
        }
    }

    /// Single days with no issue between two days that have one: most likely an issue not archived.
    func calendarGaps(_ archive: Archive, display: (String) -> String) -> [Finding] {
        let dates = Set(archive.issues.map(\.date))
        return archive.issues.compactMap { issue in
            let missing = issue.date.next
            guard !dates.contains(missing), dates.contains(missing.next) else { return nil }
            return Finding(
                .calendarGap, path: display(missing.path),
                "no issue on \(missing.chineseDisplay), though \(issue.date.iso) and \(missing.next.iso) have one",
                fix:
                    "add the missing issue's articles (or its issue.yml); ignore this when the paper did not appear that day"
            )
        }
    }

    /// Articles dated after today: a misread or mistyped year (2081 for 2018) would otherwise
    /// put them at the top of the archive, as its latest issue, until someone noticed.
    func futureDates(_ archive: Archive, display: (String) -> String) -> [Finding] {
        archive.articles.filter { today < $0.date }.map { article in
            Finding(
                .futureDate, path: display(article.sourcePath), line: article.titleLine,
                "「\(article.title)」 is dated \(article.date.iso), which has not come yet (today is \(today.iso))",
                fix: "correct the article's `date`")
        }
    }

    /// Fields under the name files had before (`order`, now `position`): read as ever, but the
    /// editors' contract and ingest speak of the new one.
    func oldFieldNames(_ archive: Archive, display: (String) -> String) -> [Finding] {
        let (old, new) = (ArticleField.position.oldKey!, ArticleField.position.key)
        return archive.articles.compactMap { article in
            article.oldPositionLine.map { line in
                Finding(
                    .oldFieldName, path: display(article.sourcePath), line: line,
                    "「\(article.title)」 gives its position as `\(old): \(article.order)`, the field's old name",
                    fix: "rename `\(old):` to `\(new):` (or remove it, when the file has `\(new):` too)")
            }
        }
    }

    /// Titles compared as printed: whitespace (full-width too) does not count.
    static func normalized(_ title: String) -> String {
        String(title.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}

/// `sitegen check --templates`: the template problems the build refuses.
public enum TemplateChecker {
    public static func findings(directory: URL, displayRoot: String) -> [Finding] {
        do {
            _ = try TemplateSet(directory: directory, displayRoot: displayRoot)
            return []
        } catch {
            return error.errors.map { Finding($0, code: .template) }
        }
    }
}
