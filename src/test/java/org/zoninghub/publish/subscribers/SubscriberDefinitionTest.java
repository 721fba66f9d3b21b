package org.zoninghub.publish.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zoninghub.zoning.Category;
import org.zoninghub.zoning.Dimension;
import org.zoninghub.zoning.Jurisdiction;

/** Reading an administrator's subscriber definition: what is accepted, and each defect named with its field. */
class SubscriberDefinitionTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Jurisdiction LIAOYUAN = Jurisdiction.liaoyuan();

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsACompleteDefinition() throws Exception {
        SubscriberDefinition d = SubscriberDefinition.read(
                json("{'id': 'eia-220421', 'name': '东丰县环评', 'department': '东丰县生态环境分局',"
                        + " 'consumerGroup': 'eia-system', 'filter': {'categories': ['KEY_CONTROL'],"
                        + " 'divisionCodes': ['220421'], 'basins': ['SONGHUA'], 'dimensions': ['EMISSION_CONTROL'],"
                        + " 'eventTypes': ['zoning.unit.*', 'zoning.rule.created']}}"),
                null,
                LIAOYUAN);

        assertThat(d.id()).isEqualTo("eia-220421");
        assertThat(d.enabled())
                .as("a new subscriber is enabled unless it says otherwise")
                .isTrue();
        assertThat(d.filter())
                .isEqualTo(new SubscriberFilter(
                        List.of(Category.KEY_CONTROL),
                        List.of("220421"),
                        List.of("SONGHUA"),
                        List.of(Dimension.EMISSION_CONTROL),
                        List.of("zoning.unit.*", "zoning.rule.created")));
    }

    @Test
    void anEmptyFilterSelectsEverything() throws Exception {
        SubscriberDefinition d =
                SubscriberDefinition.read(json("{'id': 'permits', 'name': 'x', 'filter': {}}"), null, LIAOYUAN);

        assertThat(d.filter()).isEqualTo(SubscriberFilter.EVERYTHING);
    }

    @Test
    void aPutTakesTheIdFromTheUrlAndNeedsEnabled() throws Exception {
        SubscriberDefinition d =
                SubscriberDefinition.read(json("{'name': 'x', 'filter': {}, 'enabled': false}"), "permits", LIAOYUAN);

        assertThat(d.id()).isEqualTo("permits");
        assertThat(d.enabled()).isFalse();
        assertThatThrownBy(() -> SubscriberDefinition.read(json("{'name': 'x', 'filter': {}}"), "permits", LIAOYUAN))
                .isInstanceOfSatisfying(
                        InvalidSubscriberException.class,
                        e -> assertThat(e.field()).isEqualTo("enabled"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a bad id                | {'id': 'Permits', 'name': 'x', 'filter': {}}                               | id                     | is not a subscriber id",
                "a one-letter id         | {'id': 'p', 'name': 'x', 'filter': {}}                                     | id                     | is not a subscriber id",
                "no id                   | {'name': 'x', 'filter': {}}                                                | id                     | is required",
                "no name                 | {'id': 'permits', 'filter': {}}                                            | name                   | is required",
                "no filter               | {'id': 'permits', 'name': 'x'}                                             | filter                 | is required",
                "an unknown property     | {'id': 'permits', 'name': 'x', 'filter': {}, 'owner': 'y'}                 | owner                  | is not a property",
                "a misspelt filter key   | {'id': 'permits', 'name': 'x', 'filter': {'division': ['220421']}}         | filter.division        | is not a property",
                "an unknown category     | {'id': 'permits', 'name': 'x', 'filter': {'categories': ['KEY']}}          | filter.categories[0]   | \"KEY\" is not one of",
                "a foreign division      | {'id': 'permits', 'name': 'x', 'filter': {'divisionCodes': ['220102']}}    | filter.divisionCodes[0]| is not one of the divisions of 辽源市",
                "an unknown basin        | {'id': 'permits', 'name': 'x', 'filter': {'basins': ['LIAOHE', 'HUAIHE']}} | filter.basins[1]       | \"HUAIHE\" is not one of",
                "an unknown dimension    | {'id': 'permits', 'name': 'x', 'filter': {'dimensions': ['KJBJYS']}}       | filter.dimensions[0]   | is not one of",
                "an unknown event type   | {'id': 'permits', 'name': 'x', 'filter': {'eventTypes': ['zoning.unit.deleted']}} | filter.eventTypes[0] | is not one of",
                "a prefix of no type     | {'id': 'permits', 'name': 'x', 'filter': {'eventTypes': ['zoning.filing.*']}} | filter.eventTypes[0] | is not one of",
                "a list as a string      | {'id': 'permits', 'name': 'x', 'filter': {'basins': 'LIAOHE'}}             | filter.basins          | must be a list",
                "a bad consumer group    | {'id': 'permits', 'name': 'x', 'filter': {}, 'consumerGroup': 'a b'}       | consumerGroup          | is not a consumer group id",
                "enabled as a string     | {'id': 'permits', 'name': 'x', 'filter': {}, 'enabled': 'yes'}             | enabled                | must be true or false",
            })
    void namesTheFieldAndTheDefect(String name, String body, String field, String defect) {
        assertThatThrownBy(() -> SubscriberDefinition.read(json(body), null, LIAOYUAN))
                .isInstanceOfSatisfying(InvalidSubscriberException.class, e -> {
                    assertThat(e.field()).isEqualTo(field.strip());
                    assertThat(e.getMessage()).contains(defect.strip());
                });
    }

    @Test
    void aBodyIdDifferentFromTheUrlIsRefused() {
        assertThatThrownBy(() -> SubscriberDefinition.read(
                        json("{'id': 'other', 'name': 'x', 'filter': {}, 'enabled': true}"), "permits", LIAOYUAN))
                .isInstanceOfSatisfying(
                        InvalidSubscriberException.class,
                        e -> assertThat(e.field()).isEqualTo("id"));
    }
}
