import Foundation
import Testing

@testable import SitegenKit

@Suite struct LinkCheckerTests {
    @Test func findsLinksThatLeadNowhere() throws {
        let scratch = try ScratchFolder()
        let site = try scratch.write(
            [
                "index.html":
                    "<a href=\"a/index.html\">a</a> <a href=\"a/\">a</a> <a href=\"https://x.org/\">x</a> <a href=\"#top\">t</a>",
                "a/index.html":
                    "<a href=\"../missing.html\">m</a> <img src=\"../img.png\" alt=\"\"> <a href=\"/a/b.html#x\">b</a>",
                "a/b.html": "<link href=\"../style.css\" rel=\"stylesheet\">",
            ], under: "Public")
        let dead = try LinkChecker(root: site).deadLinks()
        #expect(
            dead.map(\.description).sorted() == [
                "a/b.html: link to ../style.css leads nowhere",
                "a/index.html: link to ../img.png leads nowhere",
                "a/index.html: link to ../missing.html leads nowhere",
            ])
    }
}
