Feature: Chatroom mutes and mute-all
  The app admin mutes up to 60 members at once for a number of milliseconds or for good (-1),
  lists who is muted until when, and unmutes them. Muting everyone at once ("ban") is a
  separate switch that leaves the mute list alone; allow-listed users may still speak.

  Background:
    Given the app has users "alice, bob, carol, dave"

  # ---- mute list (R-MUTE-*) -----------------------------------------------------------------

  @R-MUTE-01 @R-MUTE-02
  Scenario: Mute two members for a day; the mute list shows when it ends
    expire is the server's clock plus the duration: the scenario compares it with the answer's
    own timestamp, never with the test machine's clock.
    Given a chatroom owned by alice with members bob and carol
    When I mute bob and carol in the room for 86400000 ms
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And every mute in the answer ends 86400000 ms after the answer's timestamp
    When I list the room's mutes
    Then the response status is 200
    And the room's mute list shows exactly bob and carol
    And the room's mute list shows the expire times the mute answered

  @R-MUTE-02
  Scenario: A permanent mute (-1) ends at 4638873600000
    That a permanent chatroom mute answers the same constant as a permanent group mute
    (2117-01-01 00:00:00 UTC+8) is inferred from the group document.
    Given a chatroom owned by alice with members bob
    When I mute bob in the room permanently
    Then the response status is 200
    And the result for bob is true
    And the JSON at "data.0.expire" is 4638873600000
    And the room's mute list shows bob until 4638873600000

  @R-MUTE-01
  Scenario: A new chatroom has an empty mute list
    Given a chatroom owned by alice with members bob
    When I list the room's mutes
    Then the response status is 200
    And the room's mute list is empty

  @R-MUTE-02
  Scenario Outline: Muting <count> members at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I mute fan1 to fan<count> in the room for 60000 ms
    Then the response status is <status>
    And the room's mute list shows exactly <muted>

    Examples:
      | count | outcome  | status | muted         |
      | 60    | accepted | 200    | fan1 to fan60 |
      | 61    | rejected | 400    | nobody        |

  @R-MUTE-02
  Scenario: mute_duration must be a number of milliseconds
    Given a chatroom owned by alice with members bob
    When I mute bob in the room with the mute_duration written as "a while"
    Then the response status is 400
    And the room's mute list is empty

  @R-MUTE-03
  Scenario: Unmute one member
    Given a chatroom owned by alice with members bob and carol
    And bob and carol are muted in the room for 86400000 ms
    When I unmute bob in the room
    Then the response status is 200
    And the JSON at "data" has 1 items
    And the result for bob is true
    And the room's mute list shows exactly carol

  @R-MUTE-03
  Scenario: Unmute several members at once
    Given a chatroom owned by alice with members bob, carol and dave
    And bob, carol and dave are muted in the room permanently
    When I unmute bob and carol in the room
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And the room's mute list shows exactly dave

  @R-MUTE-03
  Scenario Outline: Unmuting <count> members at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    And fan1 to fan60 are muted in the room permanently
    When I unmute fan1 to fan<count> in the room
    Then the response status is <status>
    And the room's mute list shows exactly <muted>

    Examples:
      | count | outcome  | status | muted         |
      | 60    | accepted | 200    | nobody        |
      | 61    | rejected | 400    | fan1 to fan60 |

  @R-MUTE-01 @R-MUTE-02 @R-MUTE-03
  Scenario: Mute calls on a chatroom that does not exist
    Given a chatroom that does not exist
    When I list the room's mutes
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I mute bob in the room for 60000 ms
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I unmute bob in the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  # ---- mute-all (R-BAN-*) -------------------------------------------------------------------

  @R-BAN-01
  Scenario: Muting everyone does not put anyone on the mute list
    Given a chatroom owned by alice with members bob and carol
    When I mute everyone in the room
    Then the response status is 200
    And the JSON at "data.mute" is true
    And the room's mute list is empty

  @R-BAN-01
  Scenario: Muting everyone leaves existing mutes as they were
    Given a chatroom owned by alice with members bob and carol
    And bob is muted in the room permanently
    When I mute everyone in the room
    Then the response status is 200
    And the JSON at "data.mute" is true
    And the room's mute list shows bob until 4638873600000
    And the room's mute list shows exactly bob

  @R-BAN-03
  Scenario: Lifting mute-all answers mute false and leaves the mute list alone
    Given a chatroom owned by alice with members bob and carol
    And bob is muted in the room permanently
    And everyone in the room is muted
    When I lift the mute on everyone in the room
    Then the response status is 200
    And the JSON at "data.mute" is false
    And the room's mute list shows exactly bob

  @R-BAN-01 @R-BAN-03
  Scenario: Mute-all on a chatroom that does not exist
    Given a chatroom that does not exist
    When I mute everyone in the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I lift the mute on everyone in the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  @R-BAN-02 @mock-only
  Scenario: While everyone is muted, only allow-listed members may speak
    Sending messages is outside these APIs, so this runs only against the mock, which shows
    who may speak through its control API.
    Given a chatroom owned by alice with members bob and carol
    And bob is on the room's allow list
    When I mute everyone in the room
    Then the mock says the room is muted for everyone
    And the mock says bob may send in the room
    And the mock says carol may not send in the room
    When I lift the mute on everyone in the room
    Then the mock says the room is not muted for everyone
    And the mock says carol may send in the room

  @R-MUTE-02
  Scenario: The owner can not be muted
    001 gives no status: 403 with the group document's wording for the owner ("chatroom" for
    "group") is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I mute alice and bob in the room for 60000 ms
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on chatroom owner!"
    And the room's mute list is empty
