@groups @group-content
Feature: Group announcement and shared files
  Source: 002 only (000 does not document these calls).

  @G-ANN-01 @G-ANN-02 @C-03
  Scenario: Set the announcement and read it back
    Given a group owned by alice
    When I set the group announcement to "Saturday: meet at the station at 9"
    Then the response is the success envelope
    And the JSON at "data.id" is "{group}"
    And the JSON at "data.result" is true
    When I read the group announcement
    Then the response is the success envelope
    And the JSON at "data.announcement" is "Saturday: meet at the station at 9"

  @G-ANN-02
  Scenario Outline: The announcement holds at most 512 characters: <length> are <verdict>
    Given a group owned by alice
    And the group announcement is "before"
    When I set the group announcement to a text of <length> characters
    Then the response status is <status>
    And the group announcement <then>

    Examples:
      | length | verdict  | status | then                                |
      | 512    | accepted | 200    | is the text of 512 characters       |
      | 513    | rejected | 400    | reads "before"                      |

  @G-ANN-01 @G-ANN-02 @C-09
  Scenario Outline: The announcement of a group that does not exist answers 404: <call>
    Given a group that does not exist
    When I call "<call>" on the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

    Examples:
      | call                 |
      | get the announcement |
      | set the announcement |

  @G-FILE-02 @G-FILE-01 @C-03
  Scenario: Share a file and find it in the file list
    Given a group owned by alice
    When I share a file "notes.txt" of 1000 bytes in the group
    Then the response is the success envelope
    And the JSON at "data.file_name" is "notes.txt"
    And the JSON at "data.file_size" is 1000
    And the JSON at "data.group_id" is "{group}"
    And the JSON at "data.file_id" exists
    And the JSON at "data.file_url" contains "{file}"
    And the JSON at "data.created" is a number
    And the shared files are "notes.txt" of 1000 bytes

  @G-FILE-01
  Scenario: The file list comes a page at a time
    Given a group owned by alice
    And a file "one.txt" of 10 bytes has been shared in the group
    And a file "two.txt" of 20 bytes has been shared in the group
    When I list the group's shared files, page 1 with 1 per page
    Then the response status is 200
    And the JSON at "data" has 1 item
    When I list the group's shared files, page 2 with 1 per page
    Then the response status is 200
    And the JSON at "data" has 1 item
    And the pages together hold "two.txt" and "one.txt"
    When I list the group's shared files
    Then the response status is 200
    And the JSON at "data" has 2 items

  @G-FILE-01
  Scenario Outline: At most 1000 files per page: pagesize <pagesize> is <verdict>
    Given a group owned by alice
    When I list the group's shared files, page 1 with <pagesize> per page
    Then the response status is <status>
    And the response <answer>

    Examples:
      | pagesize | verdict  | status | answer                        |
      | 1000     | accepted | 200    | is the success envelope       |
      | 1001     | rejected | 400    | has the service's error shape |

  @G-FILE-01 @G-FILE-02 @C-09
  Scenario Outline: Shared files of a group that does not exist answer 404: <call>
    Given a group that does not exist
    When I call "<call>" on the group
    Then the response status is 404
    And the response error is "resource_not_found"

    Examples:
      | call                 |
      | list shared files    |
      | upload a shared file |

  @G-FILE-02 @slow
  Scenario Outline: A shared file is at most 10 MB: <size> bytes are <verdict>
    The documents give the limit, not the status; 413 is inferred.

    Given a group owned by alice
    When I share a file "big.bin" of <size> bytes in the group
    Then the response status is <status>
    And the shared files are <files>

    Examples:
      | size     | verdict  | status | files                       |
      | 10485760 | accepted | 200    | "big.bin" of 10485760 bytes |
      | 10485761 | rejected | 413    | empty                       |

  @G-FILE-03
  Scenario: Download a shared file
    Given a group owned by alice
    And a file "notes.txt" of 1000 bytes has been shared in the group
    When I download the shared file
    Then the download is the 1000 bytes shared

  @G-FILE-03 @C-08
  Scenario: Downloading a file that does not exist answers 404 not_found
    Given a group owned by alice
    When I download a shared file that does not exist
    Then the response status is 404
    And the response error is "not_found"
    And the error description contains "{missingfile}"

  @G-FILE-04 @C-03
  Scenario: Delete a shared file
    Given a group owned by alice
    And a file "notes.txt" of 1000 bytes has been shared in the group
    When I delete the shared file
    Then the response is the success envelope
    And the JSON at "data.group_id" is "{group}"
    And the JSON at "data.file_id" is "{file}"
    And the JSON at "data.result" is true
    And the shared files are empty

  @G-FILE-04
  Scenario: Deleting a file that does not exist answers 404
    Given a group owned by alice
    When I delete a shared file that does not exist
    Then the response status is 404
    And the response error is "not_found"
