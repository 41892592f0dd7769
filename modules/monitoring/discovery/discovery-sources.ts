/**
 * Where discovered resources come from: Terraform data sources read at
 * `terraform plan`, and a local of the names they found. Tags go through the
 * Resource Groups Tagging API (`aws_resourcegroupstaggingapi_resources`,
 * filtered by resource type and tags); a name prefix alone through the list
 * data sources (`aws_lambda_functions`, `aws_dynamodb_tables`,
 * `aws_sqs_queues`). Both: the tagged resources whose name starts with it.
 */
import { DataAwsDynamodbTables } from "@cdktf/provider-aws/lib/data-aws-dynamodb-tables";
import { DataAwsLambdaFunctions } from "@cdktf/provider-aws/lib/data-aws-lambda-functions";
import { DataAwsResourcegroupstaggingapiResources } from "@cdktf/provider-aws/lib/data-aws-resourcegroupstaggingapi-resources";
import { DataAwsSqsQueues } from "@cdktf/provider-aws/lib/data-aws-sqs-queues";
import { Lazy, TerraformLocal } from "cdktf";
import { Construct } from "constructs";

/** A resource type discovery can find: `function` (Lambda), `table` (DynamoDB) or `queue` (SQS). */
export type DiscoveredType = "function" | "table" | "queue";
/** Every {@link DiscoveredType}: what discovery looks for when `types` is not given. */
export const DISCOVERED_TYPES: readonly DiscoveredType[] = ["function", "table", "queue"];

interface TypeFacts {
  /** The Tagging API's resource type filter. */
  readonly taggingType: string;
  /** The resource's name from its ARN, as a Terraform expression over `arn`. */
  readonly nameFromArn: string;
  /** The dimension its metrics name it by. */
  readonly dimension: string;
}

export const TYPE_FACTS: Readonly<Record<DiscoveredType, TypeFacts>> = {
  // arn:aws:lambda:<region>:<account>:function:<name>
  function: { taggingType: "lambda:function", nameFromArn: 'element(split(":", arn), 6)', dimension: "FunctionName" },
  // arn:aws:dynamodb:<region>:<account>:table/<name>
  table: { taggingType: "dynamodb:table", nameFromArn: 'element(split("/", arn), 1)', dimension: "TableName" },
  // arn:aws:sqs:<region>:<account>:<name>
  queue: { taggingType: "sqs", nameFromArn: 'element(split(":", arn), 5)', dimension: "QueueName" },
};

export interface DiscoverySourceProps {
  readonly type: DiscoveredType;
  /** Tag key to the values it may have (any value: an empty list). */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
  /** Names start with this (checked: letters, digits, _, . and - only). */
  readonly namePrefix?: string;
  /** Names never to include (resources this facade monitors by name): read when the stack is synthesized. */
  readonly exclude: () => readonly string[];
}

/** How many names a tag-only dashboard SEARCH lists: a SEARCH expression holds at most 1,024 characters. */
export const SEARCH_NAME_LIMIT = 10;

/**
 * The data source of one resource type and two locals: the names found
 * (sorted, for `for_each`) and the SEARCH term that shows them on a graph.
 */
export class DiscoverySource extends Construct {
  /** The names found at plan time: a token of a list of strings. */
  readonly names: string[];
  /** The dimension term of a dashboard SEARCH: the name prefix (partial match), or the first names found (exact). */
  readonly searchTerm: string;

  constructor(scope: Construct, id: string, props: DiscoverySourceProps) {
    super(scope, id);
    const facts = TYPE_FACTS[props.type];
    const candidates = props.tags ? this.tagged(facts, props.tags) : this.listed(props.type, props.namePrefix!);
    const prefix = props.namePrefix === undefined ? "" : ` && startswith(name, "${props.namePrefix}")`;
    const expression = Lazy.stringValue({
      produce: () => {
        const excluded = [...new Set(props.exclude())].sort().map((n) => JSON.stringify(n)).join(", ");
        return `\${sort(distinct([for name in ${candidates} : name if !contains([${excluded}], name)${prefix}]))}`;
      },
    });
    const names = new TerraformLocal(this, "names", expression);
    this.names = names.asList;
    // Quotes inside a dashboard body must reach its JSON escaped: \" in the local's value.
    const exact = `[for name in slice(local.${names.friendlyUniqueId}, 0, min(${SEARCH_NAME_LIMIT}, length(local.${names.friendlyUniqueId}))) : "${facts.dimension}=\\\\\\"\${name}\\\\\\""]`;
    const term = props.namePrefix !== undefined && !props.tags ? `"${facts.dimension}=${props.namePrefix}"` : `length(local.${names.friendlyUniqueId}) > 0 ? join(" OR ", ${exact}) : "${facts.dimension}=none-discovered"`;
    this.searchTerm = new TerraformLocal(this, "search-term", `\${${term}}`).asString;
  }

  /** Names from the Tagging API: resources of the type carrying every tag given (one of its values, or any). */
  private tagged(facts: TypeFacts, tags: Readonly<Record<string, readonly string[]>>): string {
    const source = new DataAwsResourcegroupstaggingapiResources(this, "tagged", {
      resourceTypeFilters: [facts.taggingType],
      tagFilter: Object.entries(tags).map(([key, values]) => ({ key, ...(values.length > 0 ? { values: [...values] } : {}) })),
    });
    return `[for arn in data.${source.terraformResourceType}.${source.friendlyUniqueId}.resource_tag_mapping_list[*].resource_arn : ${facts.nameFromArn}]`;
  }

  /** Names from the type's list data source (every function, table or queue of the region), filtered by prefix afterwards. */
  private listed(type: DiscoveredType, namePrefix: string): string {
    if (type === "function") {
      const source = new DataAwsLambdaFunctions(this, "listed", {});
      return `data.${source.terraformResourceType}.${source.friendlyUniqueId}.function_names`;
    }
    if (type === "table") {
      const source = new DataAwsDynamodbTables(this, "listed", {});
      return `data.${source.terraformResourceType}.${source.friendlyUniqueId}.names`;
    }
    const source = new DataAwsSqsQueues(this, "listed", { queueNamePrefix: namePrefix });
    return `[for url in data.${source.terraformResourceType}.${source.friendlyUniqueId}.queue_urls : element(split("/", url), length(split("/", url)) - 1)]`;
  }
}
