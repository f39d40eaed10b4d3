import Testing

@testable import SitegenKit

@Suite struct PageLabelTests {
    @Test(arguments: [
        ("3", "3", "03"), ("03", "3", "03"), ("12", "12", "12"), ("A10", "A10", "A10"),
        ("a1", "A01", "A01"), ("A01", "A01", "A01"), ("AB2", "AB02", "AB02"), (" 4 ", "4", "04"),
    ])
    func parsesNumbersAndLabels(_ text: String, _ printed: String, _ folder: String) throws {
        let label = try #require(PageLabel(text))
        #expect(label.description == printed)
        #expect(label.path == folder)
    }

    /// A 版次 becomes a folder name: nothing that could escape the output folder gets through.
    @Test(arguments: ["", "0", "A", "../3", "3/4", "3 4", "A-1", "3A", "ABCD1", "12345", "第3版", "..", "A0", "-1"])
    func refusesAnythingButAPlainLabel(_ text: String) {
        #expect(PageLabel(text) == nil)
    }

    @Test func numbersSortBeforeLabelsAndLabelsSortByNumber() throws {
        let labels = try ["A10", "B1", "2", "A2", "10", "1", "A1"].map { try #require(PageLabel($0)) }
        #expect(labels.sorted().map(\.description) == ["1", "2", "10", "A01", "A02", "A10", "B01"])
    }

    /// Folder names and `page:` values are read from their bytes; text with spaces around it takes
    /// the general reading, which trims first: both readings agree on every such text.
    @Test func theBytewiseReadingAgreesWithTheGeneralOne() {
        var texts: [String] = []
        for prefix in ["", "a", "A", "z", "AB", "ab", "aBc", "ABCD", "é", "第", "-", "."] {
            for digits in ["", "0", "00", "1", "01", "007", "9999", "09999", "10000", "12345", "1a", "١"] {
                texts.append(prefix + digits)
            }
        }
        var bytewise = 0
        for text in texts {
            let general = PageLabel(" \(text)\t")
            #expect(PageLabel(text) == general, "\(text)")
            if general != nil { bytewise += 1 }
        }
        #expect(bytewise > 20)  // the comparison ran on labels, not only on refusals
    }

    @Test func equalLabelsAreOnePage() {
        #expect(PageLabel("a1") == PageLabel("A01"))
        #expect(PageLabel("3") == PageLabel("03"))
    }
}
