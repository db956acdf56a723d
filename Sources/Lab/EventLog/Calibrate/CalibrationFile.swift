import Foundation
import Yams

/// A calibration fragment (`sparksim calibrate --out FILE`) as `replay --calibration`
/// reads it: the `engine.control_plane` costs by name, checked as a scenario's are when
/// the import that carries them is loaded.
enum CalibrationFile {
    static func controlPlane(_ path: String) throws -> [(key: String, value: String)] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw EventLogError(file: path, "cannot be read")
        }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw EventLogError(file: path, "not YAML: \(error)")
        }
        guard let root = document as? [String: Any], let engine = root["engine"] as? [String: Any],
              let costs = engine["control_plane"] as? [String: Any] else {
            throw EventLogError(file: path, "not a calibration: no engine.control_plane mapping")
        }
        return costs.keys.sorted().map { key in (key, "\(costs[key]!)") }
    }
}
