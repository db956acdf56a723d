/// Colours, type sizes and shared drawing helpers for every chart.
///
/// Why fixed here: reports are read side by side, so one variant, stage or cost part
/// should look the same in every chart of a run. The palette is Okabe and Ito's
/// (2008), chosen to stay distinguishable with the common colour-vision deficiencies;
/// lines also differ by dash pattern and marker, so charts survive greyscale printing.
public enum PlotStyle {
    /// The default canvas, readable on a laptop screen and in a Markdown report.
    public static let width = 720.0
    public static let height = 420.0

    /// System fonts only: an SVG must not fetch fonts when it is opened.
    public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
    public static let titleSize = 16.0
    public static let labelSize = 12.0
    public static let tickSize = 11.0

    public static let ink = "#222222"
    public static let mutedInk = "#555555"
    public static let gridColour = "#E3E3E3"
    public static let axisColour = "#444444"

    /// Okabe-Ito, reordered so the first colours are the ones that read best as thin
    /// lines on white (the yellow comes late).
    public static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442",
    ]

    /// Stroke dash patterns paired with the palette, so series differ in shape as well.
    public static let dashes = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 4", "3 5"]

    /// Failed attempts and faults: a dark red, always paired with a hatch or a marker.
    public static let failureColour = "#B2182B"

    /// The palette colour for the `index`-th series, wrapping around.
    public static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// The dash pattern for the `index`-th series, changing once the colours wrap, so
    /// series 0 and 8 still differ.
    public static func dash(_ index: Int) -> String { dashes[(index / palette.count + index) % dashes.count] }

    /// An estimate of a text's width in pixels at `size`.
    ///
    /// Why an estimate: the SVG is written without a font engine, and layout must not
    /// depend on the fonts of the machine writing it. 0.6 em per character is an upper
    /// bound for DejaVu Sans and Helvetica digits and lower-case letters.
    public static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }

    /// `text` cut with an ellipsis so that it fits `width` pixels at `size`.
    ///
    /// The tolerance matters: a legend column sized as `textWidth(label) + 30` hands back
    /// `(w + 30) - 30`, which can land a hair under `w` (6 characters became 5.999…, so
    /// `pickle` was drawn as `pick…`).
    public static func truncated(_ text: String, toWidth width: Double, size: Double) -> String {
        let fits = max(1, Int(width / (size * 0.6) + 1e-9))
        if text.count <= fits { return text }
        return String(text.prefix(max(0, fits - 1))) + "…"
    }

    /// A text element; `anchor` is `start`, `middle` or `end`.
    static func text(
        _ content: String, x: Double, y: Double, size: Double = tickSize, anchor: String = "start",
        colour: String = ink, weight: String? = nil
    ) -> SVGElement {
        var element = SVGElement(
            "text",
            ["x": SVGElement.number(x), "y": SVGElement.number(y), "font-size": SVGElement.number(size),
             "text-anchor": anchor, "fill": colour],
            text: content)
        if let weight { element = element.with("font-weight", weight) }
        return element
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, colour: String, width: Double = 1)
        -> SVGElement
    {
        SVGElement(
            "line",
            ["x1": SVGElement.number(x1), "y1": SVGElement.number(y1), "x2": SVGElement.number(x2),
             "y2": SVGElement.number(y2), "stroke": colour, "stroke-width": SVGElement.number(width)])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String) -> SVGElement {
        SVGElement(
            "rect",
            ["x": SVGElement.number(x), "y": SVGElement.number(y), "width": SVGElement.number(max(0, width)),
             "height": SVGElement.number(max(0, height)), "fill": fill])
    }

    /// The `id` of the diagonal hatch pattern from ``hatchPattern``.
    static let hatchIdentifier = "sparksim-hatch"

    /// Diagonal dark stripes on a transparent ground, laid over a bar to mark it
    /// failed or killed without relying on colour.
    static var hatchPattern: SVGElement {
        SVGElement(
            "pattern",
            ["id": hatchIdentifier, "width": "6", "height": "6", "patternUnits": "userSpaceOnUse",
             "patternTransform": "rotate(45)"],
            children: [SVGElement("rect", ["width": "2.5", "height": "6", "fill": "#000000",
                                           "fill-opacity": "0.45"])])
    }

    /// Points for a small marker polygon or circle of the `index`-th series centred at
    /// (x, y): circle, square, triangle, diamond, then again.
    static func marker(_ index: Int, x: Double, y: Double, colour: String, radius: Double = 3.5) -> SVGElement {
        let n = SVGElement.number
        let r = radius
        switch index % 4 {
        case 0:
            return SVGElement("circle", ["cx": n(x), "cy": n(y), "r": n(r), "fill": colour])
        case 1:
            return rect(x: x - r * 0.9, y: y - r * 0.9, width: r * 1.8, height: r * 1.8, fill: colour)
        case 2:
            let points = "\(n(x)),\(n(y - r * 1.1)) \(n(x + r)),\(n(y + r * 0.8)) \(n(x - r)),\(n(y + r * 0.8))"
            return SVGElement("polygon", ["points": points, "fill": colour])
        default:
            let points = "\(n(x)),\(n(y - r * 1.2)) \(n(x + r)),\(n(y)) \(n(x)),\(n(y + r * 1.2)) \(n(x - r)),\(n(y))"
            return SVGElement("polygon", ["points": points, "fill": colour])
        }
    }
}
