package meshonboarder.local.standin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DynamoFrontTest {

    private static final String QUERY = "DynamoDB_20120810.Query";
    private final DynamoFront front = new DynamoFront(Duration.ofMinutes(5));

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void stale_whenAnEventuallyConsistentReadIsRepeated_answersWhatTheFirstGotEvenAfterAWrite() {
        byte[] read = bytes("{\"TableName\": \"t\", \"KeyConditionExpression\": \"pk = :m\"}");
        assertThat(front.eventuallyConsistent(QUERY, read)).isTrue();
        assertThat(front.stale(QUERY, read)).isNull(); // first: moto answers
        front.remember(QUERY, read, bytes("{\"Items\": []}"));

        // a PutItem reached moto meanwhile; DynamoDB may still answer from a replica that lacks it
        assertThat(new String(front.stale(QUERY, read), StandardCharsets.UTF_8)).isEqualTo("{\"Items\": []}");
        assertThat(front.eventuallyConsistentReads()).isEqualTo(2);
    }

    @Test
    void eventuallyConsistent_whenConsistentReadOrAWrite_isFalse() {
        assertThat(front.eventuallyConsistent(QUERY, bytes("{\"TableName\": \"t\", \"ConsistentRead\": true}"))).isFalse();
        assertThat(front.eventuallyConsistent("DynamoDB_20120810.PutItem", bytes("{\"TableName\": \"t\"}"))).isFalse();
        assertThat(front.eventuallyConsistent("AmazonSSM.GetParameter", bytes("{}"))).isFalse();
        assertThat(front.eventuallyConsistentReads()).isZero();
    }
}
