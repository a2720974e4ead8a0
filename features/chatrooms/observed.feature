@chatrooms @observed
Feature: Chatrooms as the real service answers
  Answers the real service gave (catalogue part O, behaviours-observed.md) where 001 says
  otherwise or says nothing, and requests real client SDKs send that the service accepts.
  Where a scenario overrides a document row it is tagged @doc-conflict and names 001's
  reading.

  Background:
    Given the app has users "alice, bob, carol, dave"

  @O-01 @R-MUTE-01 @doc-conflict
  Scenario: The chatroom mute list answers action "post"
    Other reading: 001's example shows "action": "get" for this GET (the envelope rule, C-03).
    The service answers "post", as it does for the group mute list.

    Given a chatroom owned by alice with members bob
    And bob is muted in the room permanently
    When I list the room's mutes
    Then the response is the success envelope (action not checked)
    And the JSON at "action" is "post"
    And the room's mute list shows bob until 4638873600000

  @O-01 @R-BAN-01
  Scenario: Muting everyone answers action "put" to the POST
    001's example shows "put" as well; the catalogue had read it as copy-paste.

    Given a chatroom owned by alice with members bob
    When I mute everyone in the room
    Then the response is the success envelope (action not checked)
    And the JSON at "action" is "put"
    And the JSON at "data.mute" is true

  @O-02 @R-ROOM-04
  Scenario: Creating a chatroom without a name answers the service's words
    When I create a chatroom owned by alice without "name"
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the response exception is "com.easemob.group.exception.InvalidParameterException"
    And the error description is "chatroom must contain title/name field!"
    When I list the rooms alice is in, page 1 with 10 per page
    Then the JSON at "data" has 0 items

  @O-06 @R-MUTE-02 @doc-conflict
  Scenario: Muting a user who is not in the room answers 400 invalid_parameter
    Other reading: 001 documents no error; the mock answered 403 forbidden_op "user: X doesn't
    exist in chatroom: R". The service answers 400 with the group call's words.

    Given a chatroom owned by alice with members bob
    When I mute bob and carol in the room for 60000 ms
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "users [{carol}] are not members of this group!"
    And the room's mute list is empty

  @O-06 @R-MUTE-02
  Scenario: Muting a user who does not exist answers the same 400
    Given a chatroom owned by alice with members bob
    And "ghost" is not a user of the app
    When I mute ghost in the room for 60000 ms
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "users [{ghost}] are not members of this group!"
    And the room's mute list is empty

  @O-07 @R-ROOM-05
  Scenario: maxusers can not go below the room's member count
    001 does not say; the service answers 403 forbidden_op.

    Given a chatroom owned by alice with members bob and carol
    When I modify the room so that its maxusers is 2
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "current user count is larger than the maxUsers that you want to update !"
    When I ask for the room's details
    Then the room's details show:
      | maxusers           | 1000 |
      | affiliations_count | 3    |

  @O-07 @R-ROOM-05
  Scenario: maxusers may be lowered to exactly the room's member count
    The accepted side of O-07: a room of three (the owner and two members) may have maxusers 3.

    Given a chatroom owned by alice with members bob and carol
    When I modify the room so that its maxusers is 3
    Then the response status is 200
    And the JSON at "data.maxusers" is true
    When I ask for the room's details
    Then the room's details show:
      | maxusers           | 3 |
      | affiliations_count | 3 |

  @O-08 @R-ROOM-04 @R-ROOM-05
  Scenario: maxusers may be sent as a numeric string on create and modify
    When I create a chatroom owned by alice with:
      | name        | Strings |
      | description | seats   |
      | maxusers    | "200"   |
    Then the chatroom is created
    When I ask for the room's details
    Then the room's details show:
      | maxusers | 200 |
    When I modify the room with:
      | maxusers | "300" |
    Then the response status is 200
    And the JSON at "data.maxusers" is true
    When I ask for the room's details
    Then the room's details show:
      | maxusers | 300 |

  @O-08 @R-ROOM-04
  Scenario: maxusers as a numeric string out of range is refused as the number would be
    When I create a chatroom owned by alice with:
      | name        | Too big |
      | description | seats   |
      | maxusers    | "10001" |
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "maxusers"
    When I list the rooms alice is in, page 1 with 10 per page
    Then the JSON at "data" has 0 items

  @O-09 @R-BLK-02 @R-BLK-05
  Scenario: Block and unblock answers name the room as both id and chatroomid
    001 names it chatroomid; the service was seen sending id (2022). The mock sends both.

    Given a chatroom owned by alice with members bob and carol
    When I block bob from the room
    Then the response status is 200
    And the JSON at "data.id" is "{room}"
    And the JSON at "data.chatroomid" is "{room}"
    When I block carol and dave from the room in one call
    Then every result has action "add_blocks" and names the room as "id"
    And every result has action "add_blocks" and names the room as "chatroomid"
    When I unblock bob from the room
    Then the JSON at "data.id" is "{room}"
    And the JSON at "data.chatroomid" is "{room}"
    When I unblock carol and dave from the room in one call
    Then every result has action "remove_blocks" and names the room as "id"
    And every result has action "remove_blocks" and names the room as "chatroomid"
    And the room's block list is empty

  @O-09 @R-BLK-04
  Scenario: A block answer naming the room only as id, or only as chatroomid, is accepted
    Given a chatroom owned by alice with members bob
    Then the contract accepts this 200 answer to "POST /chatrooms/{room}/blocks/users/{bob}":
      """
      {"action": "post", "application": "5cXXXX75d", "uri": "https://a1.easemob.com/o/a/chatrooms/{room}/blocks/users/{bob}",
       "entities": [], "data": {"result": true, "action": "add_blocks", "user": "{bob}", "id": "{room}"},
       "timestamp": 1594628861058, "duration": 1, "organization": "o", "applicationName": "a"}
      """
    And the contract accepts this 200 answer to "DELETE /chatrooms/{room}/blocks/users/{bob}":
      """
      {"action": "delete", "application": "5cXXXX75d", "uri": "https://a1.easemob.com/o/a/chatrooms/{room}/blocks/users/{bob}",
       "entities": [], "data": {"result": true, "action": "remove_blocks", "user": "{bob}", "chatroomid": "{room}"},
       "timestamp": 1594628861058, "duration": 1, "organization": "o", "applicationName": "a"}
      """

  @O-10 @R-ROOM-02
  Scenario: Joined chatrooms without disabled are accepted by the contract
    The service was seen answering joined chatrooms without disabled (2019). The mock keeps
    sending disabled "false".

    Given a chatroom owned by alice with members bob
    When I list the chatrooms bob has joined
    Then the response status is 200
    And every listed chatroom has disabled "false"
    And the contract accepts this 200 answer to "GET /users/{bob}/joined_chatrooms":
      """
      {"action": "get", "application": "8be024f0", "uri": "http://a1.easemob.com/o/a/users/{bob}/joined_chatrooms",
       "entities": [], "data": [{"id": "{room}", "name": "room"}],
       "timestamp": 1542361730243, "duration": 0, "organization": "o", "applicationName": "a", "count": 1}
      """

  @O-12 @R-ROOM-01
  Scenario: An empty cursor= is the first page of chatrooms
    Client SDKs send cursor= on the first call; that the service takes it as the first page is
    inferred.

    Given alice owns 3 chatrooms
    When I list the app's chatrooms 2 at a time, with an empty cursor
    Then the response status is 200
    And the JSON at "data" has 2 items

  @O-12 @R-META-05
  Scenario: "keys": null reads every attribute
    Client SDKs send "keys": null to read them all; that the service reads all is inferred.

    Given a chatroom owned by alice with members bob
    And alice has set attributes on the room:
      | key   | value |
      | topic | music |
      | mood  | calm  |
    When I get the room attributes with "keys" written as null
    Then the response status is 200
    And the attributes returned are exactly:
      | key   | value |
      | topic | music |
      | mood  | calm  |

  @O-13 @R-MUTE-02
  Scenario: A chatroom mute's duration is in milliseconds
    Given a chatroom owned by alice with members bob and carol
    When I mute bob and carol in the room for 86400000 ms
    Then the response status is 200
    And every mute in the answer ends 86400000 ms after the answer's timestamp
