Feature: Chatroom custom attributes
  Members keep key-value attributes on a chatroom. Each attribute belongs to the member who set
  it: another member can overwrite or delete it only with the "forced" calls. At most 10 pairs
  per call, keys of up to 128 characters from a-z A-Z 0-9 _ - . and values of up to 4096
  characters, at most 100 attributes per room. A key that breaks a rule is reported back as
  refused while the other keys are still set.

  Background:
    Given the app has users "alice, bob, carol"
    And a chatroom owned by alice with members bob and carol

  # ---- set and get (R-META-01, R-META-05) --------------------------------------------------

  @R-META-01 @R-META-05
  Scenario: Set two attributes and read them back
    When alice sets attributes on the room:
      | key   | value |
      | topic | music |
      | mood  | calm  |
    Then the response status is 200
    And the attributes "topic, mood" were set
    And no attribute was refused
    And the room attribute "topic" is "music"
    And the room attribute "mood" is "calm"

  @R-META-05
  Scenario: Read only the attributes asked for
    Given alice has set attributes on the room:
      | key   | value |
      | topic | music |
      | mood  | calm  |
      | level | 3     |
    When I get the room attributes "topic, level"
    Then the response status is 200
    And the attributes returned are exactly:
      | key   | value |
      | topic | music |
      | level | 3     |

  @R-META-05
  Scenario: Without keys, every attribute of the room is returned
    Inferred from the key list being optional.
    Given alice has set attributes on the room:
      | key   | value |
      | topic | music |
    And bob has set attributes on the room:
      | key  | value |
      | mood | calm  |
    When I get all the room attributes
    Then the response status is 200
    And the attributes returned are exactly:
      | key   | value |
      | topic | music |
      | mood  | calm  |

  @R-META-01
  Scenario: A member can change an attribute they set
    Given alice has set attribute "topic" to "music" on the room
    When alice sets attribute "topic" to "films" on the room
    Then the attributes "topic" were set
    And the room attribute "topic" is "films"

  @R-META-01
  Scenario Outline: A key of <length> characters is <outcome>
    A key longer than 128 characters is reported in errorKeys; the other key is still set.
    When alice sets on the room a key of <length> characters and the key "other"
    Then the response status is 200
    And the attributes "other" were set
    And the long key was <outcome>

    Examples:
      | length | outcome |
      | 128    | set     |
      | 129    | refused |

  @R-META-01
  Scenario Outline: A key with the character "<character>" is refused, the rest are set
    When alice sets attributes on the room:
      | key                 | value |
      | good                | 1     |
      | bad<character>key   | 2     |
    Then the response status is 200
    And the attributes "good" were set
    And the attribute "bad<character>key" was refused
    And the room has no attribute "bad<character>key"
    And the room attribute "good" is "1"

    Examples:
      | character |
      | !         |
      | /         |
      | @         |
      | ä         |

  @R-META-01
  Scenario: Keys may use letters, digits, "_", "-" and "."
    When alice sets attributes on the room:
      | key          | value |
      | Az09_-.x     | ok    |
    Then the attributes "Az09_-.x" were set
    And no attribute was refused

  @R-META-01
  Scenario Outline: <count> attributes in one call is <outcome> (at most 10)
    When alice sets <count> attributes on the room in one call
    Then the response status is <status>
    And the room holds <kept> attributes

    Examples:
      | count | outcome  | status | kept |
      | 10    | accepted | 200    | 10   |
      | 11    | rejected | 400    | 0    |

  @R-META-01
  Scenario Outline: A value of <length> characters is <outcome> (at most 4096)
    A value longer than 4096 characters is reported in errorKeys; the other key is still set.
    When alice sets on the room the key "big" to a value of <length> characters and the key "other"
    Then the response status is 200
    And the attributes "other" were set
    And the key "big" was <outcome>

    Examples:
      | length | outcome |
      | 4096   | set     |
      | 4097   | refused |

  @R-META-01
  Scenario: A room holds at most 100 attributes
    Given alice has set 100 attributes on the room, 10 per call
    When bob sets attribute "one-too-many" to "x" on the room
    Then the response status is 200
    And the attribute "one-too-many" was refused
    And the room has no attribute "one-too-many"

  @R-META-02
  Scenario: autoDelete takes only DELETE or NO_DELETE
    When alice sets attribute "topic" to "music" on the room with autoDelete "SOMETIMES"
    Then the response status is 400
    And the error description contains "autoDelete"
    And the room has no attribute "topic"

  # ---- ownership: plain and forced set (R-META-03, R-META-04) -------------------------------

  @R-META-03
  Scenario: A member can not overwrite another member's attribute
    Inferred from the existence of the forced variant: the key goes to errorKeys and keeps
    its value.
    Given alice has set attribute "topic" to "music" on the room
    When bob sets attribute "topic" to "sports" on the room
    Then the response status is 200
    And the attribute "topic" was refused
    And the room attribute "topic" is "music"

  @R-META-04
  Scenario: A forced set overwrites another member's attribute, and the key changes hands
    That the forcing member then owns the key is inferred.
    Given alice has set attribute "topic" to "music" on the room
    When bob force-sets attribute "topic" to "sports" on the room
    Then the response status is 200
    And the attributes "topic" were set
    And the room attribute "topic" is "sports"
    When alice sets attribute "topic" to "music again" on the room
    Then the attribute "topic" was refused
    And the room attribute "topic" is "sports"
    When bob deletes the room attributes "topic"
    Then the attributes "topic" were deleted
    And the room has no attribute "topic"

  @R-META-04
  Scenario: A forced set keeps the same limits
    When bob force-sets attributes on the room:
      | key      | value |
      | fine     | 1     |
      | not/fine | 2     |
    Then the response status is 200
    And the attributes "fine" were set
    And the attribute "not/fine" was refused

  # ---- delete: plain and forced (R-META-06, R-META-07) --------------------------------------

  @R-META-06
  Scenario: A member deletes attributes they set
    Given alice has set attributes on the room:
      | key   | value |
      | topic | music |
      | mood  | calm  |
    When alice deletes the room attributes "topic"
    Then the response status is 200
    And the attributes "topic" were deleted
    And the room has no attribute "topic"
    And the room attribute "mood" is "calm"

  @R-META-06
  Scenario: A member can not delete another member's attribute
    That another member's key goes to errorKeys is inferred.
    Given alice has set attribute "topic" to "music" on the room
    And bob has set attribute "mood" to "calm" on the room
    When bob deletes the room attributes "topic, mood"
    Then the response status is 200
    And the attributes "mood" were deleted
    And the attribute "topic" was refused
    And the room attribute "topic" is "music"

  @R-META-06
  Scenario Outline: Deleting <count> keys in one call is <outcome> (at most 10)
    Given alice has set 10 attributes on the room in one call
    When alice deletes <count> room attributes in one call
    Then the response status is <status>
    And the room holds <kept> attributes

    Examples:
      | count | outcome  | status | kept |
      | 10    | accepted | 200    | 0    |
      | 11    | rejected | 400    | 10   |

  @R-META-07
  Scenario: A forced delete removes attributes whoever set them
    Given alice has set attribute "topic" to "music" on the room
    And carol has set attribute "mood" to "calm" on the room
    When bob force-deletes the room attributes "topic, mood"
    Then the response status is 200
    And the attributes "topic, mood" were deleted
    And the room has no attribute "topic"
    And the room has no attribute "mood"

  @R-META-07
  Scenario Outline: Force-deleting <count> keys in one call is <outcome> (at most 10)
    Given alice has set 10 attributes on the room in one call
    When bob force-deletes <count> room attributes in one call
    Then the response status is <status>
    And the room holds <kept> attributes

    Examples:
      | count | outcome  | status | kept |
      | 10    | accepted | 200    | 0    |
      | 11    | rejected | 400    | 10   |

  # ---- leaving the room (R-META-02, R-MEM-07) -----------------------------------------------

  @R-META-02 @R-MEM-07
  Scenario: A member's attributes go when they are removed, unless set with NO_DELETE
    DELETE is the default. Treating removal from the room as leaving it is inferred.
    Given bob has set attribute "temporary" to "1" on the room
    And bob has set attribute "lasting" to "2" on the room with autoDelete "NO_DELETE"
    And carol has set attribute "bystander" to "3" on the room
    When I remove bob from the room
    Then the response status is 200
    And the room has no attribute "temporary"
    And the room attribute "lasting" is "2"
    And the room attribute "bystander" is "3"

  @R-META-02 @R-MEM-07
  Scenario: A member's attributes set with autoDelete DELETE go when they are blocked
    Treating blocking as leaving the room is inferred.
    Given bob has set attribute "temporary" to "1" on the room with autoDelete "DELETE"
    And bob has set attribute "lasting" to "2" on the room with autoDelete "NO_DELETE"
    When I block bob from the room
    Then the response status is 200
    And the room has no attribute "temporary"
    And the room attribute "lasting" is "2"

  @R-META-01 @R-META-05
  Scenario: Attribute calls on a chatroom that does not exist
    Given a chatroom that does not exist
    When alice sets attribute "topic" to "music" on the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I get all the room attributes
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  @R-META-01
  Scenario: Someone who is not in the room can not set attributes
    Only the room's members set attributes (001's "members"); the status is the mock's choice.
    Given the app has users "dave"
    When dave sets attribute "topic" to "music" on the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user: {dave} doesn't exist in chatroom: {room}"
    And the room has no attribute "topic"

  @R-META-06
  Scenario: Deleting a key that is not set is reported as refused
    Given alice has set attribute "topic" to "music" on the room
    When alice deletes the room attributes "topic, nothing"
    Then the response status is 200
    And the attributes "topic" were deleted
    And the attribute "nothing" was refused
    And the room has no attribute "topic"
