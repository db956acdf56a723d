/// The version printed in reports, so a reader knows which rules produced a result.
public enum SparksimVersion {
    public static let current = "0.2.0"
}
