@chatrooms @observed
Feature: Chatrooms as the real service answers, round three
  Answers of the real service and requests of real client SDKs that the earlier rounds did not
  reach (catalogue part O continued, behaviours-observed-more.md, O-14 to O-23). Where a
  scenario overrides a document row it is tagged @doc-conflict and names the documents'
  reading.

  @O-15 @R-ROOM-01 @R-ROOM-03
  Scenario: A chatroom path with one trailing slash routes as without it
    Inferred for every path of the contract: the service's web framework matches a trailing
    slash.

    Given a chatroom "lobby" owned by alice
    When I send "GET" to "/chatrooms/{room}/"
    Then the response status is 200
    And the JSON at "data.0.id" is "{room}"
    When I send "GET" to "/chatrooms/?limit=100"
    Then the response status is 200
    And the JSON at "data" has an item whose "id" is "{room}"

  @O-18 @R-ROOM-04 @doc-conflict
  Scenario: An empty member list creates a chatroom with only its owner
    Other reading: 001's "at least one element if present", which the mock answered with 400.
    The service's own PHP SDK sends "members": [] when it is given none.

    Given the app has users "alice"
    When I create a chatroom owned by alice with:
      | name        | Empty  |
      | description | no one |
      | members     |        |
    Then the chatroom is created
    And the room's owner is alice and its members are nobody
    And the room's details show:
      | affiliations_count | 1 |
    And alice is in 1 chatroom according to their joined list

  @O-18 @R-ROOM-04 @doc-conflict
  Scenario: A null member list creates a chatroom with only its owner
    Other reading: the contract refused null; a Go SDK sends its zero value, null.

    Given the app has users "alice"
    When I create a room owned by alice with "members" written as null
    Then the response status is 200
    And the room's owner is alice and its members are nobody

  @O-16 @R-ROOM-04 @doc-conflict
  Scenario: The owner listed among the members stays the owner, counted once
    Other reading: 001 says the members exclude the owner, and the mock refused such a list
    with 400. That the service takes it for chatrooms as for groups is inferred.

    Given the app has users "alice, bob"
    When I create a chatroom owned by alice with:
      | name        | Twice            |
      | description | me and my friend |
      | members     | alice and bob    |
    Then the chatroom is created
    And the room's owner is alice and its members are bob
    And the room's details show:
      | affiliations_count | 2 |
    And alice is in 1 chatroom according to their joined list

  @O-23 @O-07 @R-ROOM-05
  Scenario: maxusers "0" on a room with members answers the member-count 403, not the range's 400
    The service checks the member count before the range (2019).

    Given a chatroom owned by alice with members bob
    When I modify the room with:
      | maxusers | "0" |
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "current user count is larger than the maxUsers that you want to update !"
    And the room's details show:
      | maxusers           | 1000 |
      | affiliations_count | 2    |

  @O-23 @R-ROOM-05
  Scenario: maxusers "0" on a room with only its owner is out of range: 400
    Given a chatroom owned by alice
    When I modify the room with:
      | maxusers | "0" |
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "maxusers: must be between 1 and 10000, got 0"
    And the room's details show:
      | maxusers | 1000 |

  @O-21 @R-ROOM-01
  Scenario: Chatroom list items carry disabled
    Given a chatroom "lobby" owned by alice with members bob
    When I list the app's chatrooms 100 at a time
    Then the response status is 200
    And the JSON at "data" has an item whose "id" is "{room}" and whose "disabled" is "false"
    And the answer carries an empty "properties" object

  @O-22 @R-ROOM-02
  Scenario: Joined chatrooms with detail=true answer each room as a flat object of strings
    The 2026 service's detailed form: title is the name, owner and appkey carry the org and
    app, times are milliseconds as strings, mute_duration is "-1" when not muted. The fields
    whose meaning the capture does not show keep the captured values.

    Given a chatroom "lobby" owned by alice with members bob
    When I modify the room with:
      | maxusers | 300 |
    And I list the chatrooms bob has joined, in detail
    Then the response status is 200
    And the JSON at "count" is 1
    And the JSON at "data.0.id" is "{room}"
    And the JSON at "data.0.title" is "room lobby"
    And the JSON at "data.0.owner" contains "#"
    And the JSON at "data.0.owner" contains "_{alice}"
    And the JSON at "data.0.appkey" contains "#"
    And the JSON at "data.0.max_users" is "300"
    And the JSON at "data.0.mute" is "false"
    And the JSON at "data.0.disabled" is "false"
    And the JSON at "data.0.type" is "chatroom"
    And the JSON at "data.0.mute_duration" is "-1"
    And the JSON at "data.0.created" is a string of digits
    And the JSON at "data.0.last_modified" is a string of digits
    And the JSON at "data.0.curr_page" is "1"
    And the JSON at "data.0.pg_size" is "3000"
    And the JSON at "data.0.slice_num" is "1"
    And the JSON at "data.0.identify" is ""
    And the JSON at "data.0.debut_msg_num" is "10"
    And the JSON at "data.0.owner_can_leave" is "true"
    And the JSON at "data.0.scale" is "large"
    And the JSON at "params.detail.0" is "true"
    When I list the chatrooms bob has joined
    Then the response status is 200
    And the JSON at "data.0" has exactly the keys "id", "name" and "disabled"
    And the JSON at "data.0.name" is "room lobby"

  @O-22 @R-ROOM-02
  Scenario: The detailed form shows the room's mute-all
    Given a chatroom "lobby" owned by alice with members bob
    When I mute everyone in the room
    And I list the chatrooms alice has joined, in detail
    Then the response status is 200
    And the JSON at "data.0.mute" is "true"
