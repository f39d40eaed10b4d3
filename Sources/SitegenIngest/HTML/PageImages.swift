import SitegenKit

/// What a saved e-paper page links to besides text: a page view's scan (`<img usemap=#PagePicMap>`),
/// the regions of its image map (`<area shape=polygon coords=… href=content_N.htm>`) and its PDF;
/// an article view's photos. Links are kept as written; `MirrorFiles` resolves them.
enum PageImages {
    /// The scan, its areas and the PDF of a page view, into `listing`.
    static func read(_ document: HTMLNode, into listing: inout ScrapedListing) {
        if let image = document.first(where: { $0.name == "img" && $0.attributes["usemap"] != nil }),
            let source = image.attributes["src"], !source.isEmpty
        {
            listing.scan = source
            let mapName = String((image.attributes["usemap"] ?? "").drop { $0 == "#" })
            let map = document.first {
                $0.name == "map" && ($0.attributes["name"] == mapName || $0.attributes["id"] == mapName)
            }
            listing.areas = (map?.elements { $0.name == "area" } ?? []).compactMap(area)
            listing.zones = zones(listing.areas, titleLinks: listing.titleLinks)
        }
        listing.pdf = document.elements { $0.name == "a" }.lazy.compactMap { $0.attributes["href"] }
            .first { link in
                let path = link.split(separator: "?").first.map(String.init) ?? link
                return path.lowercased().hasSuffix(".pdf") && !path.contains("://")
            }
    }

    /// Each area as a zone of the article it opens: the title whose link names the same page
    /// (`content_548646.htm?div=0` opens `content_548646.htm`). Areas opening no listed title are left out.
    static func zones(_ areas: [ScrapedArea], titleLinks: [String]) -> [IssueListing.Zone] {
        func key(_ link: String) -> Substring {
            let path = link.split(separator: "?").first ?? Substring(link)
            return path.split(separator: "/").last ?? path
        }
        var position: [Substring: Int] = [:]
        for (index, link) in titleLinks.enumerated() where position[key(link)] == nil {
            position[key(link)] = index + 1
        }
        return areas.compactMap { area in
            position[key(area.href)].map { IssueListing.Zone(article: $0, points: area.points) }
        }
    }

    /// One `<area>`: a polygon as it is, a rectangle (x1,y1,x2,y2) as its four corners.
    static func area(_ element: HTMLNode) -> ScrapedArea? {
        guard let href = element.attributes["href"], !href.isEmpty else { return nil }
        let numbers = (element.attributes["coords"] ?? "").split { $0 == "," || $0 == " " }.compactMap { Int($0) }
        switch (element.attributes["shape"] ?? "rect").lowercased() {
        case "polygon", "poly":
            guard numbers.count >= 6, numbers.count % 2 == 0, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
            return ScrapedArea(
                href: href,
                points: stride(from: 0, to: numbers.count, by: 2).map { .init(x: numbers[$0], y: numbers[$0 + 1]) })
        case "rect", "rectangle":
            guard numbers.count == 4, numbers.allSatisfy({ $0 >= 0 }) else { return nil }
            let (left, right) = (min(numbers[0], numbers[2]), max(numbers[0], numbers[2]))
            let (top, bottom) = (min(numbers[1], numbers[3]), max(numbers[1], numbers[3]))
            return ScrapedArea(
                href: href,
                points: [
                    .init(x: left, y: top), .init(x: right, y: top), .init(x: right, y: bottom),
                    .init(x: left, y: bottom),
                ])
        default:
            return nil
        }
    }

    /// An article's photos in order: the images of its text block (where Founder pages put the
    /// story's pictures), saved beside the page (relative links; site icons are absolute or GIFs).
    static func photos(in block: HTMLNode?) -> [String] {
        guard let block else { return [] }
        var seen: Set<String> = []
        return block.elements { $0.name == "img" }.compactMap { $0.attributes["src"] }.filter { source in
            let path = (source.split(separator: "?").first.map(String.init) ?? source).lowercased()
            return !path.isEmpty && !path.contains("://") && !path.hasPrefix("data:") && !path.hasSuffix(".gif")
                && seen.insert(source).inserted
        }
    }
}

/// A region of a page's scan, as the page view's image map gives it.
public struct ScrapedArea: Sendable, Equatable {
    public var href: String
    public var points: [IssueListing.Point]
}
