import Foundation
import Yams

/// A calibration fragment (`sparksim calibrate --out FILE`) as `replay --calibration`
/// reads it: the `engine.control_plane` costs by name, checked as a scenario's are when
/// the import that carries them is loaded, and the hosts' physical cores when it found them.
struct CalibrationFile {
    var controlPlane: [(key: String, value: String)] = []
    /// `cluster.cpu.physical_cores`.
    var physicalCores: Int?

    static func read(_ path: String) throws -> CalibrationFile {
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
        var file = CalibrationFile(controlPlane: costs.keys.sorted().map { key in (key, "\(costs[key]!)") })
        if let cluster = root["cluster"] as? [String: Any], let cpu = cluster["cpu"] as? [String: Any],
           let cores = cpu["physical_cores"] {
            guard let value = cores as? Int, value >= 1 else {
                throw EventLogError(file: path, "cluster.cpu.physical_cores is \(cores), not a whole number of cores")
            }
            file.physicalCores = value
        }
        return file
    }
}
