Feature: Chatroom calls in each profile: the documents (001) and today's public pages
  `emcontract mock --profile current` answers the chatroom calls as today's public pages say
  where they differ from 001 (the "R-xxx (today)" notes of behaviours-today.md); the default
  profile, documents, keeps 001's reading. Scenarios tagged @profile-current run only against a
  mock of the current profile (`emcontract test --profile current`); the others only against the
  default. The documents' side of most differences is in the other chatroom features; this file
  holds the current side of each, and the documents' side where no other scenario checks it.

  Background:
    Given the app has users "alice, bob, carol, dave"

  # ---- R-MEM-02, R-MEM-03: adding a member again, adding an unknown user ---------------------

  @R-MEM-02 @R-MEM-03 @profile-current @doc-conflict
  Scenario: Today: adding a user who is already in the room answers 200 and changes nothing
    R-MEM-02 (today): "若要添加的用户已在聊天室中，会返回响应成功". 001 (R-MEM-03): 400.
    Given a chatroom owned by alice with members bob
    When I add bob to the room
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_member"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.id" is "{room}"
    And the room's owner is alice and its members are bob

  @R-MEM-02 @R-MEM-03 @profile-current @doc-conflict
  Scenario: Today: adding a user who does not exist is 404 resource_not_found
    Given a chatroom owned by alice
    When I add ghost to the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"
    And the room's owner is alice and its members are nobody

  # ---- R-MEM-01, R-ROOM-03: reading a room that does not exist ------------------------------

  @R-MEM-01 @R-ROOM-03 @profile-current
  Scenario: Today: the member list and details of a missing room are 404 service_resource_not_found
    Given a chatroom that does not exist
    When I list the room's members
    Then the response status is 404
    And the response error is "service_resource_not_found"
    And the error description is "do not find this group:{room}"
    When I ask for the room's details
    Then the response status is 404
    And the response error is "service_resource_not_found"
    And the error description is "do not find this group:{room}"

  # ---- R-MEM-04: batch add -----------------------------------------------------------------

  @R-MEM-04 @R-MEM-03 @profile-current @doc-conflict
  Scenario: Today: a batch naming a user who does not exist is 404 and adds nobody
    Given a chatroom owned by alice
    When I add bob and ghost to the room in one call
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"
    And the room's owner is alice and its members are nobody

  @R-MEM-04 @profile-current @doc-conflict
  Scenario: Today: users already in the room count as added
    Given a chatroom owned by alice with members bob
    When I add bob and carol to the room in one call
    Then the response status is 200
    And the new members are exactly bob and carol
    And the room's owner is alice and its members are bob, carol

  @R-MEM-04 @profile-current @doc-conflict
  Scenario: Today: a batch of users who are all in the room already answers 200
    Given a chatroom owned by alice with members bob and carol
    When I add bob and carol to the room in one call
    Then the response status is 200
    And the new members are exactly bob and carol
    And the room's owner is alice and its members are bob, carol

  @R-MEM-04 @profile-current @doc-conflict
  Scenario Outline: Today: <count> users added at once is <outcome> (at most 100)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    When I add fan1 to fan<count> to the room in one call
    Then the response status is <status>
    And the room has <members> members besides its owner

    Examples:
      | count | outcome  | status | members |
      | 100   | accepted | 200    | 100     |
      | 101   | rejected | 400    | 0       |

  @R-MEM-04 @profile-current @doc-conflict
  Scenario: Today: 101 users added at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan101"
    When I add fan1 to fan101 to the room in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "addMembers: addMembers number more than maxSize : 100"

  # ---- R-MEM-05: removing a non-member -------------------------------------------------------

  @R-MEM-05 @profile-current
  Scenario: Today: removing a user who is not in the room names them as not members
    Given a chatroom owned by alice with members bob
    When I remove carol from the room
    Then the response status is 400
    And the response error is "forbidden_op"
    And the error description is "users [{carol}] are not members of this group!"
    And the room's owner is alice and its members are bob

  @R-MEM-05 @profile-current
  Scenario: Today: removing a user who does not exist is 404
    Given a chatroom owned by alice with members bob
    When I remove ghost from the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"
    And the room's owner is alice and its members are bob

  # ---- R-MEM-06: batch kick ------------------------------------------------------------------

  @R-MEM-06 @profile-current @doc-conflict
  Scenario Outline: Today: removing <count> members at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I remove fan1 to fan<count> from the room in one call
    Then the response status is <status>
    And the room has <members> members besides its owner

    Examples:
      | count | outcome  | status | members |
      | 60    | accepted | 200    | 0       |
      | 61    | rejected | 400    | 61      |

  @R-MEM-06 @profile-current @doc-conflict
  Scenario: Today: removing 61 members at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    When I remove fan1 to fan61 from the room in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "kickMember: kickMembers number more than maxSize : 60"

  # ---- R-MUTE-02, R-MUTE-03: mute and unmute ---------------------------------------------------

  @R-MUTE-02 @profile-current @doc-conflict
  Scenario Outline: Today: muting <count> members at once is <outcome> (at most 100)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I mute fan1 to fan<count> in the room for 60000 ms
    Then the response status is <status>
    And the room's mute list shows exactly <muted>

    Examples:
      | count | outcome  | status | muted          |
      | 100   | accepted | 200    | fan1 to fan100 |
      | 101   | rejected | 400    | nobody         |

  @R-MUTE-02 @profile-current @doc-conflict
  Scenario: Today: muting 101 members at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan101"
    And fan1 to fan101 are members of the room
    When I mute fan1 to fan101 in the room for 60000 ms
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "userNames size is more than max limit : 100"

  @R-MUTE-02 @profile-current @doc-conflict
  Scenario: Today: mute_duration 0 unmutes
    Given a chatroom owned by alice with members bob and carol
    And bob and carol are muted in the room permanently
    When I mute bob in the room for 0 ms
    Then the response status is 200
    And the JSON at "data" has 1 items
    And the result for bob is true
    And the room's mute list shows exactly carol

  @R-MUTE-02
  Scenario: Documents: mute_duration 0 is refused
    001 documents a number of milliseconds or -1; 0 is neither (today's page makes it unmute:
    the @profile-current scenario).
    Given a chatroom owned by alice with members bob
    And bob is muted in the room permanently
    When I mute bob in the room for 0 ms
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the room's mute list shows bob until 4638873600000

  @R-MUTE-03 @profile-current
  Scenario: Today: unmuting 61 members at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are muted in the room permanently
    When I unmute fan1 to fan61 in the room
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "removeMute member size more than max limit :  60"
    And the room's mute list shows exactly fan1 to fan60

  # ---- R-BLK-05: unblock ---------------------------------------------------------------------

  @R-BLK-05 @profile-current
  Scenario: Today: unblocking 61 users at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are blocked from the room
    When I unblock fan1 to fan61 from the room in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "removeBlacklist: list size more than max limit : 60"
    And the room's block list is exactly fan1 to fan60

  # ---- R-WHITE-03, R-WHITE-04: allow list ----------------------------------------------------

  @R-WHITE-03 @profile-current @doc-conflict
  Scenario Outline: Today: allow-listing <count> users at once is <outcome> (at most 100)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I add fan1 to fan<count> to the room's allow list in one call
    Then the response status is <status>
    And the room's allow list is exactly <allowed>

    Examples:
      | count | outcome  | status | allowed        |
      | 100   | accepted | 200    | fan1 to fan100 |
      | 101   | rejected | 400    | nobody         |

  @R-WHITE-03 @profile-current @doc-conflict
  Scenario: Today: allow-listing 101 users at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan101"
    And fan1 to fan101 are members of the room
    When I add fan1 to fan101 to the room's allow list in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "usernames size is more than max limit : 100"

  @R-WHITE-04 @profile-current
  Scenario: Today: taking 61 users off the allow list at once is refused in the page's words
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are on the room's allow list
    When I remove fan1 to fan61 from the room's allow list
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "removeWhitelist size is more than max limit : 60"
    And the room's allow list is exactly fan1 to fan60

  @R-WHITE-04 @profile-current
  Scenario: Today: taking a non-member off the allow list refuses the call
    Given a chatroom owned by alice with members bob
    And bob is on the room's allow list
    When I remove bob and carol from the room's allow list
    Then the response status is 400
    And the response error is "forbidden_op"
    And the error description is "users [{carol}] are not members of this group!"
    And the room's allow list is exactly bob

  @R-WHITE-04
  Scenario: Documents: a non-member is reported per user when taken off the allow list
    001 reports each user of the batch; today's page refuses the call (the @profile-current
    scenario).
    Given a chatroom owned by alice with members bob
    And bob is on the room's allow list
    When I remove bob and carol from the room's allow list
    Then the response status is 200
    And the result for bob is true
    And the result for carol is false
    And the room's allow list is empty

  # ---- R-ROOM-01: the room list's limit ------------------------------------------------------

  @R-ROOM-01 @profile-current @doc-conflict
  Scenario Outline: Today: limit <limit> is accepted
    When I list the app's chatrooms <limit> at a time
    Then the response status is 200
    And the response is the success envelope

    Examples:
      | limit |
      | 101   |
      | 1000  |

  @R-ROOM-01 @profile-current @doc-conflict
  Scenario: Today: a limit over 1000 lists 1000
    Given alice owns 1001 chatrooms
    When I list the app's chatrooms 1001 at a time
    Then the response status is 200
    And the page holds 1000 chatrooms
    And the page carries a cursor

  @R-ROOM-01 @profile-current @doc-conflict
  Scenario: Today: limit 0 is still refused
    When I list the app's chatrooms 0 at a time
    Then the response status is 400
    And the response error is "invalid_parameter"

  # ---- R-ROOM-02: the joined list's pagesize -------------------------------------------------

  @R-ROOM-02 @profile-current
  Scenario: Today: a pagesize over 1000 for joined chatrooms gives 1000
    Given alice owns 1001 chatrooms
    When I list the rooms alice is in, page 1 with 1001 per page
    Then the response status is 200
    And the page holds 1000 chatrooms

  # ---- R-ROOM-04: custom ---------------------------------------------------------------------

  @R-ROOM-04 @profile-current @doc-conflict
  Scenario Outline: Today: a chatroom custom of <length> characters is <outcome> (at most 8 KB)
    The suite's text mixes ASCII and two Chinese characters of 3 bytes each: 5672 of its
    characters are exactly 8192 bytes, 5673 are 8193.
    When I create a chatroom owned by alice whose custom is <length> characters long
    Then the response status is <status>
    And alice is in <rooms> chatrooms according to their joined list

    Examples:
      | length | outcome  | status | rooms |
      | 1025   | accepted | 200    | 1     |
      | 5672   | accepted | 200    | 1     |
      | 5673   | rejected | 400    | 0     |
      | 8193   | rejected | 400    | 0     |

  # ---- R-META-01/04/06/07: more than 10 pairs or keys ------------------------------------------

  @R-META-01 @profile-current
  Scenario: Today: 11 attributes in one call refuse the whole request in the page's words
    Given a chatroom owned by alice with members bob
    When alice sets 11 attributes on the room in one call
    Then the response status is 400
    And the error description is "exceed allowed batch size 10"
    And the room holds 0 attributes

  @R-META-04 @profile-current
  Scenario: Today: a forced set of 11 attributes refuses the whole request in the page's words
    Given a chatroom owned by alice with members bob
    When bob force-sets attributes on the room:
      | key | value |
      | k1  | v |
      | k2  | v |
      | k3  | v |
      | k4  | v |
      | k5  | v |
      | k6  | v |
      | k7  | v |
      | k8  | v |
      | k9  | v |
      | k10 | v |
      | k11 | v |
    Then the response status is 400
    And the error description is "exceed allowed batch size 10"
    And the room holds 0 attributes

  @R-META-06 @profile-current
  Scenario: Today: deleting 11 keys in one call is refused in the page's words
    Given a chatroom owned by alice with members bob
    And alice has set 10 attributes on the room in one call
    When alice deletes 11 room attributes in one call
    Then the response status is 400
    And the error description is "exceed allowed batch size 10"
    And the room holds 10 attributes

  @R-META-07 @profile-current
  Scenario: Today: force-deleting 11 keys in one call is refused in the page's words
    Given a chatroom owned by alice with members bob
    And alice has set 10 attributes on the room in one call
    When bob force-deletes 11 room attributes in one call
    Then the response status is 400
    And the error description is "exceed allowed batch size 10"
    And the room holds 10 attributes

  # ---- R-BAN-01: joining during mute-all -----------------------------------------------------

  @R-BAN-01 @profile-current
  Scenario: Today: a user who joins during mute-all is muted too
    Given a chatroom owned by alice with members bob
    And everyone in the room is muted
    When I add carol to the room
    Then the response status is 200
    And the room's mute list shows carol until 4638873600000
    And the room's mute list shows exactly carol

  @R-BAN-01 @profile-current
  Scenario: Today: users who join in one call during mute-all are muted too
    Given a chatroom owned by alice
    And everyone in the room is muted
    When I add bob and carol to the room in one call
    Then the response status is 200
    And the room's mute list shows exactly bob and carol

  @R-BAN-01
  Scenario: Documents: a user who joins during mute-all is not put on the mute list
    001 says nothing of joining during mute-all; mute-all alone keeps the newcomer quiet.
    Today's page mutes them (the @profile-current scenario).
    Given a chatroom owned by alice with members bob
    And everyone in the room is muted
    When I add carol to the room
    Then the response status is 200
    And the room's mute list is empty

  # ---- R-ADM-02, R-ADM-03: an unknown user ---------------------------------------------------

  @R-ADM-02 @profile-current
  Scenario: Today: promoting a user who does not exist is 404
    Given a chatroom owned by alice
    When I make ghost an admin of the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @R-ADM-03 @profile-current
  Scenario: Today: demoting a user who does not exist is 404
    Given a chatroom owned by alice
    When I demote ghost from admin of the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @R-ADM-03
  Scenario: Documents: demoting a user who does not exist is 400
    001 gives no status: 400 is the mock's choice, as for groups (G-ADM-03); today's page says
    404 (the @profile-current scenario).
    Given a chatroom owned by alice
    When I demote ghost from admin of the room
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description is "username {ghost} doesn't exist!"

  # ---- R-BLK-02, R-WHITE-02: one user who is not in the room ---------------------------------

  @R-BLK-02 @profile-current
  Scenario: Today: blocking a user who is not in the room names them as not members
    Given a chatroom owned by alice with members bob
    When I block carol from the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{carol}] are not members of this group!"
    And the room's block list is empty

  @R-BLK-02
  Scenario: Documents: blocking a user who is not in the room is 403 in the batch reason's words
    001's batch example gives the reason "user: X doesn't exist in chatroom: R"; today's page
    words it "users [X] are not members of this group!" (the @profile-current scenario).
    Given a chatroom owned by alice with members bob
    When I block carol from the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user: {carol} doesn't exist in chatroom: {room}"
    And the room's block list is empty

  @R-WHITE-02 @profile-current
  Scenario: Today: allow-listing a user who is not in the room names them as not members
    Given a chatroom owned by alice with members bob
    When I add carol to the room's allow list
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{carol}] are not members of this group!"
    And the room's allow list is empty

  # ---- R-SUP-03: revoking an unknown user ----------------------------------------------------

  @R-SUP-03 @profile-current
  Scenario: Today: revoking a user who does not exist is 404 "username X doesn't exist!"
    When I revoke ghost's super admin role
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @R-SUP-03
  Scenario: Documents: revoking a user who does not exist is 404, as for one who is no super admin
    Today's page words it "username X doesn't exist!" (the @profile-current scenario).
    When I revoke ghost's super admin role
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "user {ghost} is not a super admin"

  # ---- the documents' words past a limit the contract holds ----------------------------------
  # Where only the words differ, 001 gives none: the mock names the field and the rule it breaks.

  @R-MUTE-03
  Scenario: Documents: unmuting 61 members at once is refused naming the rule it breaks
    Today's page words it "removeMute member size more than max limit :  60" (the scenario
    of the current profile).
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are muted in the room permanently
    When I unmute fan1 to fan61 in the room
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "request breaks the contract: path username: maximum number of items is 60"
    And the room's mute list shows exactly fan1 to fan60

  @R-BLK-05
  Scenario: Documents: unblocking 61 users at once is refused naming the rule it breaks
    Today's page words it "removeBlacklist: list size more than max limit : 60".
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are blocked from the room
    When I unblock fan1 to fan61 from the room in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "request breaks the contract: path username: maximum number of items is 60"
    And the room's block list is exactly fan1 to fan60

  @R-WHITE-04
  Scenario: Documents: taking 61 users off the allow list at once is refused naming the rule it breaks
    Today's page words it "removeWhitelist size is more than max limit : 60".
    Given a chatroom owned by alice
    And the app has users "fan1 to fan61"
    And fan1 to fan61 are members of the room
    And fan1 to fan60 are on the room's allow list
    When I remove fan1 to fan61 from the room's allow list
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "request breaks the contract: path username: maximum number of items is 60"
    And the room's allow list is exactly fan1 to fan60

  @R-META-01 @R-META-04
  Scenario: Documents: 11 attributes in one call are refused naming the rule they break
    Today's pages word it "exceed allowed batch size 10", for the plain and the forced set.
    Given a chatroom owned by alice with members bob
    When alice sets 11 attributes on the room in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "request breaks the contract: body metaData:"
    And the room holds 0 attributes

  @R-META-06 @R-META-07
  Scenario: Documents: deleting 11 keys in one call is refused naming the rule it breaks
    Today's pages word it "exceed allowed batch size 10", for the plain and the forced delete.
    Given a chatroom owned by alice with members bob
    And alice has set 10 attributes on the room in one call
    When alice deletes 11 room attributes in one call
    Then the response status is 400
    And the response error is "invalid_parameter"
    And the error description contains "request breaks the contract: body keys:"
    And the room holds 10 attributes
