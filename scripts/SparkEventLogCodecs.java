import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;

/**
 * Compresses a plain event log with Spark's own CompressionCodec classes, line by line as
 * Spark's event log writer does, into OUT/spark.<codec> for each codec Spark can write to
 * an event log. Run by scripts/make-eventlog-fixtures.py --spark-jars DIR (Spark's jars,
 * e.g. pyspark/jars) to check the script's own framings against Spark's.
 *
 *   java -cp "DIR/*" scripts/SparkEventLogCodecs.java PLAIN OUT
 */
public class SparkEventLogCodecs {
    public static void main(String[] args) throws Exception {
        byte[] plain = Files.readAllBytes(Paths.get(args[0]));
        SparkConf conf = new SparkConf(false);
        for (String name : new String[] {"lz4", "snappy", "lzf", "zstd"}) {
            CompressionCodec codec = CompressionCodec$.MODULE$.createCodec(conf, name);
            try (OutputStream out = codec.compressedOutputStream(new FileOutputStream(args[1] + "/spark." + name))) {
                int start = 0;
                for (int i = 0; i < plain.length; i++) {
                    if (plain[i] == '\n') {
                        out.write(plain, start, i + 1 - start);
                        start = i + 1;
                    }
                }
                out.write(plain, start, plain.length - start);
            }
        }
    }
}
