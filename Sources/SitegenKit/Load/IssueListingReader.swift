/// Reads `YYYY/MM/DD/issue.yml`: the issue's pages, their 版名 and their printed title lists.
package enum IssueListingReader {
    package static func read(text: String, path: String, date: IssueDate) throws(SitegenError) -> IssueListing {
        let fields = try YAMLFields(yaml: text, path: path)
        if let written = try fields.string("date"), IssueDate(iso: written) != date {
            throw SitegenError(path: path, line: fields.lineOf("date"),
                               "says `date: \(written)` but lies in the folder of \(date.iso)",
                               fix: "move the file to the folder of its date, or correct the date")
        }
        var pages: [IssueListing.ListedPage] = []
        var seen: Set<PageLabel> = []
        for item in try fields.mappings("pages") {
            let text = try item.requiredString("page", what: "the 版次, such as 3 or A10")
            guard let label = PageLabel(text) else {
                throw SitegenError(path: path, line: item.lineOf("page"), "`page: \(text)` is not a 版次",
                                   fix: "write the page number (`page: 3`) or a label of letters and digits (`page: A10`)")
            }
            guard seen.insert(label).inserted else {
                throw SitegenError(path: path, line: item.lineOf("page"), "lists \(label.chineseName) twice",
                                   fix: "keep one entry per page")
            }
            let titles = try item.strings("titles")
            guard titles.count <= IssueListing.maximumPosition else {
                throw SitegenError(path: path, line: item.lineOf("titles"),
                                   "lists \(titles.count) titles on \(label.chineseName); a page holds at most \(IssueListing.maximumPosition)",
                                   fix: "check that the list belongs to this one page")
            }
            pages.append(.init(page: label, name: try item.string("name"), titles: titles,
                                line: item.lineOf("page")))
        }
        return IssueListing(date: date, pages: pages, sourcePath: path)
    }
}

/// Reads `Content/site.yml`.
package enum SiteConfigReader {
    package static func read(text: String, path: String) throws(SitegenError) -> SiteConfig {
        let fields = try YAMLFields(yaml: text, path: path)
        var config = SiteConfig()
        if let title = try fields.string("title") { config.title = title }
        if let url = try fields.string("base_url") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw SitegenError(path: path, line: fields.lineOf("base_url"), "`base_url: \(url)` is not an http(s) address",
                                   fix: "write the address the site is published at, such as `base_url: https://example.org/`")
            }
            config.baseURL = SiteConfig.normalizedBaseURL(url)
        }
        if let language = try fields.string("language") { config.language = language }
        config.description = try fields.string("description")
        config.footer = try fields.string("footer")
        if let unsafe = try fields.bool("unsafe_html") { config.unsafeHTML = unsafe }
        return config
    }
}

import Foundation
