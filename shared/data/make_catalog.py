#!/usr/bin/env python3
"""Generate shared/data/catalog-items.json and shared/data/life-events.json.

The service catalogue (政务服务事项实施清单) of the fictional demo district 集宁区 (code JN).
Items are written here in a compact form and expanded to the JSON schema the services read.
Each item's "life_events" is derived from LIFE_EVENTS below, so the two files always agree.

Names, departments, time limits (working days) and legal bases follow common Chinese practice
but are demo data: the article numbers cited are indicative, not a legal reference.
Stdlib only; deterministic output. Run: python3 make_catalog.py
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "2026-11-22-1"

DEPT_ABBR = {
    "MZ": "civil-affairs", "RS": "human-resources", "YB": "medical-security", "GA": "public-security",
    "JJ": "traffic-police", "JT": "transport", "ZJ": "housing", "SJ": "market-regulation",
    "CG": "urban-management", "WJ": "health", "JY": "education", "SF": "justice",
    "CL": "disabled-persons", "TY": "veterans", "HB": "ecology", "XF": "fire-rescue",
    "YL": "landscaping", "SW": "water", "RL": "heating", "GD": "power", "RQ": "gas",
    "JD": "street-office", "SQ": "community",
}

# Common materials: key -> (name_zh, name_en, copies, original)
M = {
    "id": ("居民身份证", "Resident ID card", 1, True),
    "id_copy": ("居民身份证复印件", "Copy of resident ID card", 1, False),
    "hukou": ("居民户口簿", "Household register (hukou booklet)", 1, True),
    "photo": ("近期一寸免冠彩色照片", "Recent 1-inch colour photo, bareheaded", 2, True),
    "form": ("申请表(窗口领取或网上下载)", "Application form (from the counter or online)", 1, True),
    "bank": ("本人银行卡或存折复印件", "Copy of the applicant's bank card or passbook", 1, False),
    "income": ("家庭收入、财产状况申报及授权核对书", "Declaration of household income and assets, with consent to verification", 1, True),
    "marriage": ("结婚证", "Marriage certificate", 1, True),
    "birth": ("出生医学证明", "Medical birth certificate", 1, True),
    "disab": ("中华人民共和国残疾人证", "Disability certificate", 1, True),
    "sscard": ("社会保障卡", "Social security card", 1, True),
    "lease": ("房屋租赁合同或不动产权证书", "Tenancy agreement or real estate title certificate", 1, False),
    "property": ("不动产权证书", "Real estate title certificate", 1, True),
    "licence": ("营业执照", "Business licence", 1, True),
    "bills": ("医疗费用收据原件及费用明细清单", "Original medical receipts and itemised bills", 1, True),
    "diagnosis": ("诊断证明或出院记录", "Diagnosis certificate or discharge summary", 1, True),
    "contract": ("劳动合同", "Labour contract", 1, False),
    "death": ("居民死亡医学证明(推断)书", "Medical certificate of death", 1, True),
    "hukou_cancel": ("户口注销证明(可由部门共享获取)", "Proof of hukou cancellation (obtainable by data sharing)", 1, False),
    "agent": ("代办人身份证及授权委托书", "Agent's ID card and power of attorney", 1, True),
    "pledge": ("个人承诺书", "Personal undertaking (告知承诺)", 1, True),
    "veteran": ("退出现役证明或退伍证", "Certificate of discharge from active service", 1, True),
    "premises": ("经营场所使用证明或住所(经营场所)申报承诺", "Proof of use of the premises or a declaration of the premises", 1, False),
    "layout": ("经营场所平面布局图及设备布局图", "Floor plan and equipment layout of the premises", 1, False),
    "unit_letter": ("单位介绍信或证明材料", "Letter of introduction from the employer", 1, True),
    "utility_bill": ("原户主缴费凭证或户号", "Previous account holder's bill or account number", 1, False),
    "charter": ("章程", "Articles of association", 1, True),
    "site_plan": ("工程位置图及施工方案", "Site map and construction plan", 1, False),
    "vet_cert": ("狂犬病免疫证明", "Rabies vaccination certificate", 1, True),
    "medical_record": ("病历及相关检查报告", "Medical records and test reports", 1, False),
    "enterprise_form": ("登记(备案)申请书", "Registration application", 1, True),
}

LEVELS = ("community", "street", "department")
TYPES = ("licence", "benefit", "confirmation", "levy", "reward", "adjudication", "other-power", "public-service")

ITEMS: list[dict] = []


def mat(spec):
    if isinstance(spec, str):
        zh, en, copies, original = M[spec]
    else:
        zh, en, copies, original = spec
    return {"name_zh": zh, "name_en": en, "copies": copies, "original": original}


def I(code, name_zh, name_en, type_, level, days, visits, flags, minutes, summary_zh, summary_en,
      conditions, materials, basis, keywords, fee=None):
    """days=(promised, legal); flags: O online, A appointment, H home visit; fee=(cny, zh, en)."""
    abbr = code.split("-")[0]
    amount, fzh, fen = fee if fee else (0, "不收费", "Free of charge")
    ITEMS.append({
        "code": f"JN-{code}",
        "name_zh": name_zh,
        "name_en": name_en,
        "type": type_,
        "department": DEPT_ABBR[abbr],
        "level": level,
        "summary_zh": summary_zh,
        "summary_en": summary_en,
        "conditions_zh": [c[0] for c in conditions],
        "conditions_en": [c[1] for c in conditions],
        "materials": [mat(m) for m in materials],
        "fee": {"amount_cny": amount, "note_zh": fzh, "note_en": fen},
        "promised_days": days[0],
        "legal_days": days[1],
        "visits": visits,
        "online": "O" in flags,
        "appointment": "A" in flags,
        "duration_minutes": minutes,
        "home_visit": "H" in flags,
        "legal_basis_zh": basis,
        "keywords": keywords,
        "life_events": [],
    })

# ============================================================== 民政 civil-affairs (MZ)
I("MZ-001", "最低生活保障申请", "Application for the minimum living allowance (dibao)", "benefit", "street",
  (20, 30), 1, "OAH", 30,
  "共同生活的家庭成员人均收入低于本地低保标准且财产符合规定的,向户籍所在地街道提出申请,街道受理并初审(入户调查、民主评议、公示),审核确认后按月发放低保金;社区可代为提交。",
  "Households whose per-capita income is below the local dibao line apply at the street office of their hukou; the street accepts, investigates (home visit, public notice) and confirms, then the allowance is paid monthly. The community can submit on the applicant's behalf.",
  [("持有本区户籍(或符合条件的常住人口)", "Holds a Jining District hukou (or qualifies as a long-term resident)"),
   ("共同生活家庭成员人均月收入低于当地城乡低保标准", "Per-capita monthly household income is below the local dibao line"),
   ("家庭财产状况符合当地规定", "Household assets are within the local limits")],
  ["id", "hukou", "income", "bank", ("残疾、患病等特殊情况证明材料(如有)", "Proof of disability or illness (if any)", 1, False)],
  "《社会救助暂行办法》第十一条",
  ["低保", "吃低保", "办低保", "低保申请", "最低生活保障", "困难补助", "救济", "dibao", "minimum living allowance", "welfare"])

I("MZ-002", "最低生活保障年度复核", "Annual review of the minimum living allowance", "benefit", "community",
  (15, 30), 0, "H", 20,
  "社区协助街道对低保家庭的人口、收入、财产状况进行定期核查(入户走访),核查结果报街道作出续发、增发、减发或停发决定。",
  "The community helps the street re-check each dibao household's members, income and assets by home visit; the street then continues, adjusts or stops the payment.",
  [("已纳入最低生活保障的家庭", "Household currently receiving the dibao")],
  ["id", "hukou", "income"],
  "《社会救助暂行办法》第十三条",
  ["低保复核", "低保年审", "低保审核", "低保核查", "dibao review", "annual review"])

I("MZ-003", "最低生活保障停发(退出)申请", "Cancelling the minimum living allowance", "benefit", "street",
  (5, 10), 1, "O", 15,
  "低保家庭收入增加或不再符合条件的,可主动申请退出,街道核实后停发低保金;就业后可按规定给予渐退期。",
  "A dibao household whose income has risen or which no longer qualifies can ask to leave the scheme; the street verifies and stops the payment, with a tapering period after finding work where the rules allow.",
  [("已享受低保且家庭状况发生变化", "Receives the dibao and the household's situation has changed")],
  ["id", ("低保停发申请书", "Request to stop the dibao", 1, True)],
  "《社会救助暂行办法》第十三条",
  ["低保退出", "停低保", "注销低保", "取消低保", "低保渐退", "cancel dibao"])

I("MZ-004", "最低生活保障家庭变化申报", "Reporting changes in a dibao household", "benefit", "community",
  (10, 30), 1, "OH", 15,
  "低保家庭人口、收入、财产发生变化的,应及时向社区、街道申报,经核实后调整低保金。",
  "Dibao households must report changes in members, income or assets to the community or street; the allowance is adjusted after verification.",
  [("已享受低保", "Receives the dibao")],
  ["id", "hukou", ("变化情况说明及证明材料", "Statement of the change with supporting documents", 1, False)],
  "《社会救助暂行办法》第十三条",
  ["低保变更", "低保增人", "低保减人", "低保调整", "dibao change"])

I("MZ-005", "特困人员救助供养申请", "Support for persons in extreme poverty (tekun)", "benefit", "street",
  (30, 40), 1, "OAH", 30,
  "无劳动能力、无生活来源、无法定赡养抚养扶养义务人(或其无履行能力)的老年人、残疾人和未成年人,可申请特困供养,享受基本生活、照料护理、疾病治疗等保障。",
  "Older people, people with disabilities and minors who cannot work, have no income and no one obliged and able to support them can apply for support covering living costs, care and treatment.",
  [("无劳动能力", "Unable to work"), ("无生活来源", "No source of income"),
   ("无法定义务人或义务人无履行能力", "No legal supporter, or the supporter cannot support them")],
  ["id", "hukou", "income", ("生活自理能力评估材料", "Self-care ability assessment", 1, False)],
  "《社会救助暂行办法》第十四条",
  ["特困", "五保", "特困供养", "三无人员", "extreme poverty", "tekun"])

I("MZ-006", "临时救助申请", "Temporary assistance", "benefit", "street",
  (5, 10), 1, "OH", 30,
  "因火灾、交通事故、突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人,可申请临时救助;情况紧急的可先行救助、后补手续。",
  "Households or individuals in sudden hardship (fire, accident, serious illness) can apply for one-off assistance; in emergencies help is given first and paperwork completed afterwards.",
  [("因意外事件、突发疾病等导致基本生活暂时严重困难", "Basic living is temporarily at risk because of an accident, sudden illness or similar event")],
  ["id", "hukou", ("困难情况说明及相关证明(病历、事故证明等)", "Statement of the hardship with proof (medical records, accident report)", 1, False), "bank"],
  "《社会救助暂行办法》第四十八条",
  ["临时救助", "急难救助", "应急救助", "救急", "困难补助", "temporary assistance", "emergency aid"])

I("MZ-007", "高龄津贴申领", "Old-age allowance for people aged 80 and over", "benefit", "community",
  (10, 20), 1, "OH", 15,
  "本区户籍年满80周岁的老年人可申领高龄津贴,按年龄段按月发放至本人社保卡;行动不便的可由社区上门受理。",
  "Residents with a Jining hukou aged 80 or over receive a monthly old-age allowance on their social security card; the community accepts applications at home for those who cannot come in.",
  [("本区户籍", "Jining District hukou"), ("年满80周岁", "Aged 80 or over")],
  ["id", "hukou", "sscard"],
  "《中华人民共和国老年人权益保障法》第三十三条",
  ["高龄津贴", "高龄补贴", "老年补贴", "八十岁补贴", "长寿补贴", "old-age allowance", "elderly allowance"])

I("MZ-008", "经济困难老年人养老服务补贴申请", "Elderly care subsidy for older people on low incomes", "benefit", "community",
  (15, 30), 1, "AH", 20,
  "经济困难的高龄、失能老年人经评估后可申请养老服务补贴,用于购买居家养老或机构养老服务。",
  "Low-income older people who are very old or lose the ability to look after themselves receive, after assessment, a subsidy to buy home or residential care.",
  [("年满60周岁", "Aged 60 or over"), ("属于低保、特困或低收入家庭", "Belongs to a dibao, tekun or low-income household"),
   ("经能力评估为失能或半失能", "Assessed as fully or partly dependent")],
  ["id", "hukou", ("老年人能力评估报告", "Older person's ability assessment report", 1, True)],
  "《中华人民共和国老年人权益保障法》第三十三条",
  ["养老服务补贴", "护理补贴", "失能补贴", "养老补贴", "care subsidy"])

I("MZ-009", "居家养老服务申请", "Home-based elderly care services", "public-service", "community",
  (5, 10), 1, "OAH", 30,
  "为居家老年人提供助餐、助洁、助浴、助医、紧急呼叫等上门服务,社区评估需求后派单给养老服务机构。",
  "Home help for older people living at home: meals, cleaning, bathing, medical escort and emergency call; the community assesses needs and assigns a care provider.",
  [("居住在本区的60周岁以上老年人", "Aged 60 or over and living in the district")],
  ["id", ("居家养老服务需求登记表", "Home care needs form", 1, True)],
  "《中华人民共和国老年人权益保障法》第三十七条",
  ["居家养老", "上门服务", "助浴", "助洁", "养老服务", "陪诊", "home care", "elderly care"])

I("MZ-010", "老年助餐服务登记", "Registration for the community meal service for older people", "public-service", "community",
  (0, 0), 1, "H", 10,
  "老年人到社区长者食堂登记后可享受助餐优惠,行动不便的可申请送餐上门。",
  "Older people register at the community canteen for discounted meals; those who cannot come can ask for delivery.",
  [("年满60周岁", "Aged 60 or over")],
  ["id"],
  "《中华人民共和国老年人权益保障法》第三十七条",
  ["老年食堂", "长者食堂", "助餐", "老年饭桌", "送餐", "meal service", "canteen"],
  fee=(0, "登记不收费,餐费按优惠价自付", "Registration is free; meals are paid at a discounted price"))

I("MZ-011", "困难残疾人生活补贴和重度残疾人护理补贴申请", "Living subsidy for low-income and care subsidy for severely disabled people", "benefit", "community",
  (15, 30), 1, "OH", 20,
  "即残疾人\"两项补贴\":低保家庭中的残疾人可领生活补贴,一级、二级重度残疾人可领护理补贴。社区代为受理,街道审核,民政部门审定后按月发放。",
  "The two disability subsidies: a living subsidy for disabled people in dibao households and a care subsidy for people with grade 1-2 disabilities. Accepted by the community, reviewed by the street and approved by civil affairs; paid monthly.",
  [("持有第二代残疾人证", "Holds a second-generation disability certificate"),
   ("生活补贴:属低保家庭;护理补贴:残疾等级为一级或二级", "Living subsidy: in a dibao household; care subsidy: disability grade 1 or 2")],
  ["id", "hukou", "disab", "bank"],
  "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》(国发〔2015〕52号)第二条",
  ["两项补贴", "残疾人补贴", "护理补贴", "生活补贴", "残补", "disability subsidy", "care subsidy"])

I("MZ-012", "结婚登记", "Marriage registration", "confirmation", "department",
  (0, 0), 1, "A", 30,
  "男女双方持身份证共同到婚姻登记机关申请,符合条件的当场登记并颁发结婚证;可网上预约,实行全国通办。",
  "The couple apply together at the marriage registry with their ID cards; if they qualify the marriage is registered and certificates issued on the spot. Book online; can be done anywhere in China.",
  [("男年满22周岁、女年满20周岁", "Man at least 22, woman at least 20"), ("双方自愿且均无配偶", "Both consent and neither is married"),
   ("无禁止结婚的亲属关系", "Not related within the prohibited degrees")],
  ["id", ("本人无配偶及与对方无直系血亲和三代以内旁系血亲关系的签字声明", "Signed declaration of no spouse and no prohibited kinship", 1, True),
   ("双方合影2寸半身免冠照片", "Three 2-inch joint photos of the couple", 3, True)],
  "《中华人民共和国民法典》第一千零四十九条",
  ["结婚", "领证", "扯证", "结婚证", "婚姻登记", "登记结婚", "marriage", "wedding", "marry"])

I("MZ-013", "离婚登记", "Divorce registration", "confirmation", "department",
  (0, 0), 2, "A", 40,
  "双方自愿离婚并对子女抚养、财产等协商一致的,共同到婚姻登记机关申请;提交申请30日冷静期后再共同到场领取离婚证。",
  "Couples who agree to divorce and on children and property apply together; after a 30-day cooling-off period they return together to receive the divorce certificates.",
  [("双方自愿离婚", "Both wish to divorce"), ("对子女抚养、财产及债务处理达成一致", "Agreement on children, property and debts")],
  ["id", "marriage", ("离婚协议书", "Divorce agreement", 3, True), "photo"],
  "《中华人民共和国民法典》第一千零七十七条",
  ["离婚", "协议离婚", "离婚证", "冷静期", "divorce"])

I("MZ-014", "补领婚姻登记证", "Replacement marriage or divorce certificate", "confirmation", "department",
  (0, 0), 1, "A", 20,
  "结婚证、离婚证遗失或损毁的,当事人可到婚姻登记机关申请补领,经查档核实后当场补发。",
  "If a marriage or divorce certificate is lost or damaged, the holder can apply at the registry; it is reissued on the spot after the archive is checked.",
  [("原婚姻登记档案可查", "The original registration can be found in the archive")],
  ["id", "photo"],
  "《婚姻登记条例》第十七条",
  ["补结婚证", "结婚证丢了", "补离婚证", "婚姻证补办", "replacement marriage certificate"])

I("MZ-015", "基本殡葬服务费用减免", "Waiver of basic funeral service fees", "benefit", "department",
  (0, 0), 1, "", 20,
  "本区户籍居民去世后,殡仪馆对遗体接运、暂存、火化、骨灰寄存等基本殡葬服务费用给予减免,在殡仪馆结算时直接抵扣。",
  "For residents with a Jining hukou, the funeral home waives the fees for basic services (transport, storage, cremation, urn storage), deducted directly at settlement.",
  [("逝者为本区户籍或长期居住人员", "The deceased had a Jining hukou or lived in the district long-term")],
  ["death", ("逝者及经办人身份证", "ID cards of the deceased and of the person handling the funeral", 1, True)],
  "《殡葬管理条例》第五条",
  ["惠民殡葬", "殡葬补贴", "火化费减免", "丧葬费", "funeral", "cremation"])

I("MZ-016", "孤儿和事实无人抚养儿童基本生活费申请", "Basic living allowance for orphans and children without effective care", "benefit", "street",
  (20, 30), 1, "AH", 30,
  "父母双亡的孤儿,以及父母一方或双方重残、服刑、失联等导致事实无人抚养的儿童,由监护人申请按月发放基本生活费。",
  "Guardians of orphans, or of children whose parents are severely disabled, imprisoned or missing, apply for a monthly living allowance.",
  [("未满18周岁", "Under 18"), ("属于孤儿或事实无人抚养儿童", "Orphan or child without effective parental care")],
  ["hukou", ("儿童及监护人身份证明", "ID of the child and of the guardian", 1, True), ("父母死亡、重残、服刑或失联的证明", "Proof of the parents' death, disability, imprisonment or disappearance", 1, False)],
  "《中华人民共和国未成年人保护法》第九十二条",
  ["孤儿", "无人抚养", "困境儿童", "孤儿补贴", "orphan allowance"])

I("MZ-017", "养老机构备案", "Filing of an elderly care institution", "other-power", "department",
  (0, 5), 1, "O", 30,
  "设立养老机构的,应在办理法人登记后向民政部门备案,提交备案书和承诺书,民政部门当场办理并纳入监管。",
  "After legal-entity registration, a new elderly care home files with civil affairs (filing form and undertaking); filing is done on the spot.",
  [("已依法办理法人登记", "Registered as a legal entity"), ("服务场所符合消防、建筑、卫生等要求", "Premises meet fire, building and hygiene requirements")],
  ["licence", ("养老机构备案书及承诺书", "Filing form and undertaking", 1, True)],
  "《养老机构管理办法》第九条",
  ["养老院备案", "养老机构", "开养老院", "nursing home filing"])

I("MZ-018", "社会团体成立登记", "Registration of a social organisation", "licence", "department",
  (20, 60), 1, "OA", 40,
  "成立协会、学会、商会等社会团体,经业务主管单位同意后向登记管理机关申请成立登记。",
  "Associations, societies and chambers apply for registration after approval by their supervising unit.",
  [("有50个以上个人会员或30个以上单位会员", "At least 50 individual or 30 institutional members"),
   ("有规范的名称、章程和固定住所", "Proper name, articles and a fixed address")],
  ["enterprise_form", "charter", ("业务主管单位批准文件", "Approval from the supervising unit", 1, True), ("验资报告", "Capital verification report", 1, True)],
  "《社会团体登记管理条例》第九条",
  ["社团登记", "成立协会", "商会", "社会组织", "NGO registration", "association"])

I("MZ-019", "社区社会组织备案", "Filing of a community-based social organisation", "other-power", "street",
  (5, 10), 1, "", 20,
  "活动范围在社区内、暂不具备登记条件的文体、志愿、互助类社区社会组织,可向街道申请备案。",
  "Small community groups (culture, sport, volunteering, mutual aid) that do not yet meet registration requirements can file with the street.",
  [("活动范围在本街道社区内", "Active within the street's communities"), ("有负责人和固定成员", "Has a leader and regular members")],
  [("社区社会组织备案表", "Filing form", 1, True), ("负责人身份证", "Leader's ID card", 1, True), ("社区居委会意见", "Opinion of the community committee", 1, True)],
  "《社会团体登记管理条例》第三条",
  ["社区社会组织", "广场舞队备案", "志愿队", "兴趣小组", "community group"])

I("MZ-020", "低保特困家庭冬季取暖补贴", "Winter heating subsidy for dibao and tekun households", "benefit", "community",
  (10, 20), 0, "OH", 15,
  "采暖期前,对在册低保、特困供养家庭发放取暖补贴,社区核对名单,无需另行提交材料,补贴发放至低保存折或社保卡。",
  "Before the heating season, registered dibao and tekun households receive a heating subsidy; the community checks the list, no extra papers are needed, and it is paid to the dibao account.",
  [("采暖期在册的低保或特困供养家庭", "Registered dibao or tekun household during the heating season")],
  ["id"],
  "《社会救助暂行办法》第十二条",
  ["取暖补贴", "取暖费", "烤火费", "供暖补贴", "暖气费补贴", "heating subsidy"])

I("MZ-021", "老年人居家适老化改造补贴申请", "Subsidy for adapting homes of older people", "benefit", "street",
  (15, 30), 1, "OAH", 30,
  "为经济困难的高龄、失能、残疾老年人家庭提供扶手、防滑、坐便椅等适老化改造,先评估后施工,按标准给予补贴。",
  "Homes of low-income older people who are very old, dependent or disabled get grab bars, anti-slip floors and shower chairs; assessment comes first, then works, subsidised to a standard amount.",
  [("年满60周岁", "Aged 60 or over"), ("属于低保、特困、低收入家庭或失能、残疾老年人", "Low-income, dependent or disabled older person")],
  ["id", "hukou", "lease"],
  "《中华人民共和国老年人权益保障法》第六十四条",
  ["适老化改造", "扶手", "防滑", "无障碍改造", "home adaptation"])

I("MZ-022", "老年人优待证办理", "Senior citizen card", "public-service", "community",
  (5, 10), 1, "OH", 10,
  "年满60周岁的老年人可办理老年人优待证,凭证享受公园、景点、乘车等优待服务。",
  "People aged 60 or over can get a senior citizen card for discounts on parks, sights and public transport.",
  [("年满60周岁", "Aged 60 or over")],
  ["id", ("近期一寸免冠照片", "Recent 1-inch photo", 1, True)],
  "《中华人民共和国老年人权益保障法》第五十八条",
  ["老年证", "老年优待证", "老人证", "敬老卡", "senior card", "elderly card"])

I("MZ-023", "婚姻登记档案查询", "Search of marriage registration records", "public-service", "department",
  (1, 3), 1, "", 15,
  "当事人本人可查询本人婚姻登记档案,出具婚姻登记记录证明,替代以往由社区出具的\"婚姻状况证明\"。",
  "Individuals can search their own marriage records and receive a certified record, replacing the 'marital status certificate' communities used to issue.",
  [("查询本人的婚姻登记档案", "Searching one's own records")],
  ["id", "hukou"],
  "《婚姻登记档案管理办法》第十五条",
  ["婚姻状况证明", "单身证明", "未婚证明", "离婚证明", "婚姻档案", "marital status"])

# ============================================================== 人社 human-resources (RS)
I("RS-001", "就业登记", "Employment registration", "public-service", "street",
  (0, 0), 0, "O", 10,
  "用人单位招用人员或劳动者实现就业(含灵活就业)后办理就业登记,街道便民服务中心可当场办理,也可网上办理。",
  "Employers register new hires, and workers (including gig workers) register their employment; done on the spot at the street centre or online.",
  [("已与用人单位建立劳动关系或实现灵活就业", "Employed by an employer or in flexible employment")],
  ["id", "contract"],
  "《就业服务与就业管理规定》第六十二条",
  ["就业登记", "招工登记", "用工备案", "上岗登记", "employment registration"])

I("RS-002", "失业登记", "Unemployment registration", "public-service", "community",
  (0, 0), 0, "OH", 15,
  "法定劳动年龄内、有劳动能力和就业要求、处于无业状态的人员,可在常住地社区或网上办理失业登记,享受就业服务和扶持政策。",
  "Working-age people who can work, want a job and have none register as unemployed at their community or online, and gain access to job services and support.",
  [("法定劳动年龄内", "Of working age"), ("有劳动能力和就业要求", "Able and willing to work"), ("处于无业状态", "Currently without work")],
  ["id", "sscard"],
  "《就业服务与就业管理规定》第六十三条",
  ["失业登记", "失业证", "没工作", "下岗", "待业", "unemployed", "jobless"])

I("RS-003", "就业困难人员认定", "Recognition as a person with employment difficulties", "confirmation", "street",
  (10, 15), 1, "O", 20,
  "已办理失业登记的大龄、残疾、低保家庭、零就业家庭等人员,可申请认定为就业困难人员,享受公益性岗位、社保补贴等援助。",
  "Registered unemployed people who are older, disabled, from dibao or zero-employment families can be recognised as hard to employ and get public-interest jobs and contribution subsidies.",
  [("已办理失业登记", "Registered as unemployed"), ("女满40周岁、男满50周岁,或残疾、低保、零就业家庭等", "Woman 40+ or man 50+, or disabled, dibao or zero-employment family")],
  ["id", ("相关证明(残疾人证、低保证等)", "Supporting proof (disability or dibao certificate)", 1, False)],
  "《中华人民共和国就业促进法》第五十二条",
  ["就业困难", "4050", "公益岗", "就业援助", "hard to employ"])

I("RS-004", "失业保险金申领", "Claiming unemployment insurance benefit", "benefit", "department",
  (3, 10), 0, "O", 15,
  "非因本人意愿中断就业、所在单位和本人已缴纳失业保险费满1年的失业人员,可通过网上或窗口申领失业保险金,领取期间同时享受医保待遇。",
  "People who lost their job involuntarily after at least a year of unemployment insurance contributions claim the benefit online or at the counter; health cover continues while they draw it.",
  [("缴纳失业保险费满1年", "At least one year of contributions"), ("非因本人意愿中断就业", "Job ended involuntarily"),
   ("已办理失业登记并有求职要求", "Registered as unemployed and looking for work")],
  ["id", "sscard", ("解除或终止劳动合同证明", "Proof the labour contract ended", 1, True)],
  "《中华人民共和国社会保险法》第四十五条",
  ["失业金", "失业保险金", "领失业金", "失业补助", "unemployment benefit", "jobseeker allowance"])

I("RS-005", "灵活就业社会保险补贴申领", "Social insurance subsidy for flexible workers", "benefit", "street",
  (15, 20), 0, "O", 15,
  "就业困难人员和离校2年内未就业高校毕业生灵活就业后缴纳社会保险费的,可按规定申领社保补贴。",
  "Hard-to-employ people and recent graduates who work flexibly and pay their own contributions can claim a subsidy towards them.",
  [("已认定为就业困难人员或离校2年内高校毕业生", "Recognised as hard to employ, or a graduate within 2 years"), ("以灵活就业身份缴纳社会保险费", "Paying contributions as a flexible worker")],
  ["id", "bank", ("社会保险缴费凭证", "Proof of contributions", 1, False)],
  "《中华人民共和国就业促进法》第五十五条",
  ["灵活就业补贴", "社保补贴", "灵活就业", "flexible employment subsidy"])

I("RS-006", "创业担保贷款申请", "Business start-up guaranteed loan", "public-service", "street",
  (15, 20), 1, "OA", 40,
  "符合条件的城镇登记失业人员、返乡创业人员、退役军人、高校毕业生等创业的,可申请个人最高30万元的创业担保贷款并享受财政贴息;街道初审后报区就业服务机构和经办银行。",
  "Registered unemployed people, returnees, veterans and graduates starting a business can borrow up to 300,000 yuan with a government guarantee and interest subsidy; the street does the first review.",
  [("属于城镇登记失业人员、退役军人、高校毕业生等扶持对象", "In a supported group (unemployed, veterans, graduates and others)"),
   ("已办理营业执照并正常经营", "Holds a business licence and is trading"), ("无不良信用记录", "No bad credit record")],
  ["id", "licence", ("创业项目计划书", "Business plan", 1, True), ("身份类别证明(失业证、退役证等)", "Proof of eligibility group", 1, False)],
  "《中华人民共和国就业促进法》第十八条",
  ["创业贷款", "创业担保贷款", "贴息贷款", "小额贷款", "start-up loan", "business loan"])

I("RS-007", "一次性创业补贴申领", "One-off business start-up subsidy", "benefit", "street",
  (20, 30), 1, "O", 20,
  "首次创办小微企业或从事个体经营且正常经营1年以上的重点群体,可申领一次性创业补贴。",
  "People in priority groups who started their first small business or sole trade and have traded for over a year can claim a one-off subsidy.",
  [("首次创业并正常经营1年以上", "First business, trading for over a year"), ("属于高校毕业生、就业困难人员等重点群体", "In a priority group")],
  ["id", "licence", "bank"],
  "《中华人民共和国就业促进法》第十八条",
  ["创业补贴", "开店补贴", "创业扶持", "start-up grant"])

I("RS-008", "职业技能培训补贴申领", "Vocational training subsidy", "benefit", "department",
  (15, 20), 0, "O", 15,
  "失业人员、农民工等参加职业技能培训并取得证书的,可按规定申领职业培训补贴。",
  "Unemployed people, migrant workers and others who complete vocational training and obtain a certificate can claim a training subsidy.",
  [("参加政府认定的职业技能培训", "Attended approved vocational training"), ("取得职业资格或技能等级证书", "Obtained a vocational or skills certificate")],
  ["id", "bank", ("培训结业证书或技能等级证书", "Training or skills certificate", 1, False)],
  "《中华人民共和国就业促进法》第五十条",
  ["技能培训", "培训补贴", "学技术", "考证补贴", "training subsidy"])

I("RS-009", "城乡居民基本养老保险参保登记", "Enrolment in the urban and rural residents' pension", "public-service", "community",
  (0, 0), 0, "OH", 15,
  "年满16周岁(不含在校学生)、未参加职工基本养老保险的本区户籍居民,可在社区或网上办理城乡居民养老保险参保登记,选择缴费档次。",
  "Residents with a Jining hukou aged 16 or over (not students) who are not in the employees' pension can join the residents' pension at the community or online and choose a contribution level.",
  [("年满16周岁且不是在校学生", "Aged 16 or over and not a student"), ("未参加职工基本养老保险", "Not in the employees' pension scheme")],
  ["id", "hukou"],
  "《中华人民共和国社会保险法》第二十条",
  ["居民养老保险", "城乡居民社保", "交养老保险", "新农保", "养老保险参保", "pension enrolment"])

I("RS-010", "城乡居民基本养老保险待遇申领", "Claiming the urban and rural residents' pension", "benefit", "street",
  (10, 20), 1, "OH", 20,
  "参保人年满60周岁、累计缴费满15年的,可申领城乡居民养老金,按月发放至社保卡。",
  "Members aged 60 with at least 15 years of contributions claim the residents' pension, paid monthly to their social security card.",
  [("年满60周岁", "Aged 60"), ("累计缴费满15年(或按规定补缴)", "At least 15 years of contributions (or made up as allowed)"),
   ("未领取其他基本养老保险待遇", "Not receiving another basic pension")],
  ["id", "hukou", "sscard"],
  "《中华人民共和国社会保险法》第二十一条",
  ["领养老金", "居民养老金", "养老金申领", "退休金", "pension claim"])

I("RS-011", "企业职工基本养老金申领(退休申请)", "Claiming the employees' basic pension (retirement)", "benefit", "department",
  (10, 20), 1, "OA", 30,
  "达到法定退休年龄且累计缴费满最低年限的职工,由单位或本人申请退休,经核定后按月领取基本养老金。",
  "Employees who reach retirement age with the minimum contribution years apply (through the employer or themselves) and, after assessment, receive a monthly pension.",
  [("达到法定退休年龄", "Reached statutory retirement age"), ("累计缴费达到最低缴费年限", "Met the minimum years of contributions")],
  ["id", "sscard", ("本人人事档案", "Personnel file", 1, True)],
  "《中华人民共和国社会保险法》第十六条",
  ["退休", "办退休", "退休手续", "养老金", "退休金", "retirement", "pension"])

I("RS-012", "灵活就业人员企业职工养老保险参保登记", "Pension enrolment for flexible workers", "public-service", "street",
  (0, 0), 0, "O", 15,
  "无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员,可办理职工养老保险参保登记。",
  "Sole traders without employees, part-time and other flexible workers can join the employees' pension scheme on their own account.",
  [("以灵活就业身份从业", "Working flexibly"), ("未在其他单位参加职工养老保险", "Not insured through an employer")],
  ["id"],
  "《中华人民共和国社会保险法》第十条",
  ["灵活就业社保", "个人交社保", "自己交社保", "个体社保", "self-employed pension"])

I("RS-013", "基本养老保险关系转移接续", "Transferring pension insurance records", "public-service", "department",
  (15, 45), 0, "O", 20,
  "参保人跨地区流动就业的,可在新参保地申请转入养老保险关系,转出地和转入地之间经办机构协同办理,个人无需往返。",
  "People moving for work apply at the new place to transfer their pension record; the offices exchange the records so the person need not travel.",
  [("在新参保地已参保缴费", "Insured and contributing at the new place")],
  ["id", ("参保缴费凭证(可网上获取)", "Contribution record (available online)", 1, False)],
  "《中华人民共和国社会保险法》第十九条",
  ["社保转移", "养老转移", "社保转入", "社保迁移", "pension transfer"])

I("RS-014", "参保人员死亡丧葬补助金和抚恤金申领", "Funeral grant and survivors' allowance", "benefit", "department",
  (10, 20), 1, "O", 20,
  "参加基本养老保险的人员因病或非因工死亡的,其遗属可以领取丧葬补助金和抚恤金。",
  "When an insured person dies of illness or a non-work cause, the survivors can claim a funeral grant and a one-off survivors' allowance.",
  [("逝者生前参加基本养老保险", "The deceased was insured"), ("申请人为直系亲属或法定继承人", "Applicant is a close relative or legal heir")],
  ["death", "hukou_cancel", ("申请人身份证及亲属关系证明材料(户口簿等)", "Applicant's ID and proof of kinship (hukou booklet)", 1, True), "bank"],
  "《中华人民共和国社会保险法》第十七条",
  ["丧葬费", "抚恤金", "丧葬补助", "死亡待遇", "funeral grant", "death benefit"])

I("RS-015", "养老保险个人账户余额继承", "Inheriting the balance of a pension personal account", "benefit", "department",
  (10, 20), 1, "O", 20,
  "参保人员死亡的,个人账户余额可以依法继承,由继承人向社保经办机构申请一次性领取。",
  "When an insured person dies, the balance of their personal pension account can be inherited and paid to the heirs in one sum.",
  [("逝者个人账户有余额", "The personal account has a balance")],
  ["death", ("继承人身份证明及继承关系证明", "Heir's ID and proof of inheritance", 1, True), "bank"],
  "《中华人民共和国社会保险法》第十四条",
  ["个人账户继承", "社保退钱", "养老账户余额", "pension account inheritance"])

I("RS-016", "工伤认定申请", "Work-injury recognition", "confirmation", "department",
  (30, 60), 1, "OA", 40,
  "职工发生事故伤害或被诊断为职业病的,单位应在30日内、职工或近亲属可在1年内提出工伤认定申请;事实清楚、权利义务明确的15日内作出决定。",
  "After an accident at work or an occupational disease diagnosis, the employer applies within 30 days, or the worker or relatives within one year; clear cases are decided within 15 days.",
  [("与用人单位存在劳动关系", "Employed by the employer"), ("在工作时间和工作场所内因工作原因受到事故伤害等情形", "Injured at work, during working hours, because of work, or similar")],
  [("工伤认定申请表", "Work-injury application form", 1, True), "contract", "diagnosis", "id"],
  "《工伤保险条例》第十七条、第二十条",
  ["工伤", "工伤认定", "上班受伤", "职业病", "work injury", "industrial injury"])

I("RS-017", "劳动能力鉴定申请", "Assessment of working capacity", "confirmation", "department",
  (40, 60), 2, "A", 30,
  "工伤职工经治疗伤情相对稳定后存在残疾、影响劳动能力的,可申请劳动能力鉴定,鉴定委员会组织专家鉴定并出具结论。",
  "Injured workers whose condition has stabilised but who are left disabled apply for an assessment; a panel of experts issues a conclusion.",
  [("已认定为工伤", "Injury recognised as work-related"), ("伤情相对稳定", "Condition has stabilised")],
  ["id", ("工伤认定决定书", "Work-injury decision", 1, True), "medical_record"],
  "《工伤保险条例》第二十三条",
  ["劳动能力鉴定", "伤残鉴定", "伤残等级", "disability assessment"])

I("RS-018", "工伤保险待遇申领", "Claiming work-injury insurance benefits", "benefit", "department",
  (15, 30), 1, "O", 20,
  "已认定工伤的职工,可申领医疗费、一次性伤残补助金、伤残津贴等工伤保险待遇。",
  "Workers with a recognised work injury claim medical costs, a one-off disability grant and disability allowance.",
  [("已认定为工伤且单位参加工伤保险", "Recognised work injury and the employer is insured")],
  ["id", ("工伤认定决定书", "Work-injury decision", 1, True), "bills", "bank"],
  "《中华人民共和国社会保险法》第三十八条",
  ["工伤待遇", "工伤报销", "伤残补助", "work injury benefits"])

I("RS-019", "劳动人事争议仲裁申请", "Labour dispute arbitration", "adjudication", "department",
  (40, 45), 2, "OA", 40,
  "劳动者与用人单位发生劳动争议(工资、解除合同、社保等)的,可向劳动人事争议仲裁委员会申请仲裁;仲裁委5日内决定是否受理,45日内结案。",
  "Workers in a dispute with their employer (pay, dismissal, insurance) apply to the arbitration committee, which decides within 5 days whether to accept and closes the case within 45.",
  [("属于劳动人事争议受理范围", "A labour or personnel dispute"), ("在知道权利被侵害之日起1年内申请", "Filed within one year of knowing of the infringement")],
  [("仲裁申请书", "Arbitration application", 3, True), "id", ("劳动关系证明及证据材料", "Proof of employment and evidence", 1, False)],
  "《中华人民共和国劳动争议调解仲裁法》第二十九条、第四十三条",
  ["劳动仲裁", "劳动纠纷", "告公司", "辞退赔偿", "labour arbitration", "employment dispute"])

I("RS-020", "拖欠工资投诉举报受理", "Complaints about unpaid wages", "other-power", "department",
  (30, 60), 1, "O", 20,
  "用人单位拖欠、克扣工资的,劳动者可向劳动保障监察机构投诉,监察机构调查处理并责令支付。",
  "Workers whose wages are withheld or docked complain to labour inspection, which investigates and orders payment.",
  [("存在拖欠、克扣劳动报酬等违法行为", "Wages unpaid or docked unlawfully")],
  ["id", ("投诉书及用工、欠薪证据", "Complaint with evidence of employment and arrears", 1, False)],
  "《劳动保障监察条例》第十八条",
  ["欠薪", "讨薪", "拖欠工资", "要工资", "不发工资", "unpaid wages", "wage arrears"])

I("RS-021", "社会保障卡申领", "Applying for a social security card", "public-service", "community",
  (5, 15), 1, "OH", 10,
  "参保人员可在社区、合作银行网点或网上申领社会保障卡(含电子社保卡),新生儿可随出生一件事一并申领。",
  "Insured people apply for the social security card (and its electronic version) at the community, partner banks or online; for newborns it comes with the birth bundle.",
  [("已参加社会保险或新生儿已登记户口", "Insured, or a newborn with registered hukou")],
  ["id", "photo"],
  "《中华人民共和国社会保险法》第五十八条",
  ["社保卡", "办社保卡", "医保卡", "电子社保卡", "social security card"])

I("RS-022", "社会保障卡挂失与补换", "Reporting loss and replacing a social security card", "public-service", "street",
  (1, 5), 1, "O", 10,
  "社保卡遗失可通过电话、网上或窗口挂失,并到街道或合作银行网点补换,部分网点即时制卡。",
  "Report a lost card by phone, online or at a counter, then replace it at the street centre or a partner bank; some branches print on the spot.",
  [("本人社保卡遗失、损坏或信息变更", "Card lost, damaged or details changed")],
  ["id"],
  "《中华人民共和国社会保险法》第五十八条",
  ["社保卡丢了", "补社保卡", "换社保卡", "社保卡挂失", "replace card"],
  fee=(0, "免收补换卡工本费(以当地规定为准)", "Replacement fee waived (per local rules)"))

I("RS-023", "流动人员人事档案接收", "Receiving the personnel file of a mobile worker", "public-service", "department",
  (1, 5), 1, "O", 20,
  "毕业生、离职人员等可将人事档案存放在区公共就业人才服务机构,免费保管并提供档案查阅、政审等服务。",
  "Graduates and people between jobs can lodge their personnel file with the district employment and talent service free of charge.",
  [("未在用人单位存档的流动人员", "Not employed by a unit that keeps files")],
  ["id", ("档案调转函或转递通知", "File transfer letter", 1, True)],
  "《流动人员人事档案管理服务规定》第五条",
  ["档案", "人事档案", "存档案", "档案托管", "personnel file"])

I("RS-024", "养老保险待遇领取资格认证", "Pension eligibility check (proof of life)", "public-service", "community",
  (0, 0), 0, "OH", 10,
  "领取养老金人员每年通过手机刷脸或数据比对完成资格认证,无需开具\"健在证明\";行动不便的可由社区上门协助认证。",
  "Pensioners confirm their eligibility once a year by face recognition on a phone or by data matching, with no 'proof of life' certificate; the community helps at home if needed.",
  [("正在领取基本养老保险待遇", "Receiving a basic pension")],
  ["id"],
  "《人力资源社会保障部办公厅关于全面推行社会保险待遇资格认证服务的通知》第二条",
  ["刷脸认证", "生存认证", "养老金认证", "健在证明", "年审", "proof of life", "face check"])

# ============================================================== 医保 medical-security (YB)
I("YB-001", "城乡居民基本医疗保险参保登记", "Enrolment in the urban and rural residents' medical insurance", "public-service", "community",
  (0, 0), 0, "OH", 15,
  "未参加职工医保的本区户籍居民、持居住证的常住人口及在校学生,可在社区或网上办理城乡居民医保参保,按年度缴费。",
  "Residents not in the employees' scheme (hukou holders, residence-permit holders, students) enrol at the community or online and pay a yearly contribution.",
  [("未参加职工基本医疗保险", "Not in the employees' medical insurance"), ("本区户籍或持有本地居住证", "Jining hukou or local residence permit")],
  ["id", "hukou"],
  "《中华人民共和国社会保险法》第二十五条",
  ["医保", "居民医保", "交医保", "合作医疗", "农合", "医保参保", "medical insurance", "health insurance"],
  fee=(0, "办理不收费,个人缴费按当年城乡居民医保标准", "Enrolment is free; the yearly contribution follows the current rate"))

I("YB-002", "新生儿参保登记", "Medical insurance enrolment for newborns", "public-service", "community",
  (0, 0), 0, "O", 10,
  "新生儿登记户口后即可参加城乡居民医保,出生后90日内参保缴费的,自出生之日起享受医保待遇。",
  "Once registered in a hukou a newborn can join the residents' scheme; if enrolled within 90 days, cover runs from birth.",
  [("新生儿已办理出生登记", "Birth registered")],
  ["hukou", "birth"],
  "《中华人民共和国社会保险法》第二十五条",
  ["新生儿医保", "宝宝医保", "孩子参保", "小孩医保", "newborn insurance"])

I("YB-003", "医疗费用手工报销", "Manual reimbursement of medical expenses", "benefit", "department",
  (20, 30), 1, "O", 20,
  "因急诊、未持卡就医或异地就医未直接结算等原因全额垫付医疗费用的参保人,可申请医保手工报销。",
  "Insured people who paid in full (emergency, no card, out-of-area care not settled directly) claim reimbursement.",
  [("就医时已参保并处于待遇享受期", "Insured at the time of treatment"), ("费用未在医院直接结算", "Costs not settled directly at the hospital")],
  ["sscard", "bills", "diagnosis", "bank"],
  "《中华人民共和国社会保险法》第二十九条",
  ["报销", "医保报销", "看病报销", "医药费报销", "住院报销", "reimbursement", "medical claim"])

I("YB-004", "异地就医备案", "Registering for medical treatment in another region", "public-service", "street",
  (0, 0), 0, "O", 10,
  "异地长期居住、异地安置的退休人员、常驻异地工作人员和转诊就医人员,可通过国家医保服务平台等网上办理备案,备案后异地就医直接结算。",
  "People living, retired or working elsewhere, or referred elsewhere, register online (national medical insurance app); afterwards bills there are settled directly.",
  [("已参加本地基本医疗保险", "Insured locally"), ("属于异地长期居住、转诊或临时外出就医等情形", "Living elsewhere, referred, or treated while away")],
  ["id", "pledge"],
  "《中华人民共和国社会保险法》第二十九条",
  ["异地就医", "异地备案", "外地看病", "转诊备案", "跨省报销", "out-of-town treatment"])

I("YB-005", "门诊慢特病待遇认定", "Recognition of chronic and special outpatient conditions", "confirmation", "department",
  (15, 30), 1, "O", 20,
  "患有高血压、糖尿病、恶性肿瘤等门诊慢特病的参保人,经定点医院认定后门诊费用按更高比例报销。",
  "Insured people with conditions such as hypertension, diabetes or cancer get higher outpatient reimbursement after recognition at a designated hospital.",
  [("已参加基本医疗保险", "Insured"), ("患有规定的门诊慢特病病种", "Has a listed chronic or special condition")],
  ["sscard", "medical_record", "diagnosis"],
  "《中华人民共和国社会保险法》第二十八条",
  ["慢性病", "慢病", "门特", "特殊病", "慢病卡", "chronic disease"])

I("YB-006", "医疗救助申请", "Medical assistance for people on low incomes", "benefit", "street",
  (10, 20), 1, "OH", 20,
  "低保、特困、低收入家庭成员等在医保报销后个人负担仍较重的,可申请医疗救助;在册救助对象在定点医院\"一站式\"直接结算。",
  "Members of dibao, tekun and low-income households with heavy costs after insurance can apply for medical assistance; registered recipients settle directly at the hospital.",
  [("属于低保、特困、低收入等救助对象", "In an assisted group (dibao, tekun, low income)"), ("医保报销后个人自付费用较高", "High out-of-pocket costs after insurance")],
  ["id", "bills", "diagnosis", "bank"],
  "《社会救助暂行办法》第二十八条",
  ["医疗救助", "大病救助", "看病困难", "二次报销", "medical assistance"])

I("YB-007", "生育津贴申领", "Maternity allowance", "benefit", "department",
  (10, 20), 0, "O", 15,
  "参加职工医保(生育保险)的职工生育后,可申领生育津贴和生育医疗费用待遇,津贴按单位上年度职工月平均工资计发。",
  "Employees covered by maternity insurance claim the maternity allowance (based on the employer's average wage) and childbirth medical costs.",
  [("生育时单位已为其参加生育保险", "Covered by maternity insurance at childbirth")],
  ["id", "birth", "diagnosis"],
  "《中华人民共和国社会保险法》第五十四条",
  ["生育津贴", "生育险", "产假工资", "生育报销", "maternity allowance"])

I("YB-008", "基本医疗保险关系转移接续", "Transferring medical insurance records", "public-service", "department",
  (10, 15), 0, "O", 15,
  "跨统筹地区流动就业的参保人,在新参保地申请转入医保关系,缴费年限累计计算。",
  "People moving to a new area apply there to transfer their medical insurance; contribution years are added up.",
  [("已在新参保地参保", "Insured at the new place")],
  ["id"],
  "《中华人民共和国社会保险法》第三十二条",
  ["医保转移", "医保转入", "医保迁移", "medical insurance transfer"])

I("YB-009", "职工医保个人账户家庭共济绑定", "Sharing an employee medical account with family", "public-service", "street",
  (0, 0), 0, "O", 10,
  "职工医保参保人可将个人账户绑定给配偶、父母、子女等近亲属使用,支付其就医购药费用和居民医保个人缴费。",
  "Employees can share their personal medical account with spouse, parents and children to pay their medical costs and residents' contributions.",
  [("职工医保参保人", "Insured in the employees' scheme"), ("共济对象为近亲属且已参保", "Family members are close relatives and insured")],
  ["id", "hukou"],
  "《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》第二条",
  ["家庭共济", "医保账户给家人用", "个人账户共济", "family sharing"])

# ============================================================== 公安 public-security (GA)
I("GA-001", "出生登记(新生儿落户)", "Birth registration in the household register", "confirmation", "department",
  (0, 0), 1, "O", 20,
  "婴儿出生后一个月内,由户主、亲属或监护人持出生医学证明到派出所(或网上\"出生一件事\")申报出生登记,随父或随母落户。",
  "Within a month of birth the head of household or guardian registers the baby at the police station (or online in the birth bundle), under the father's or mother's hukou.",
  [("新生儿已取得出生医学证明", "Medical birth certificate issued"), ("随父或随母落户", "Registered with the father's or mother's household")],
  ["birth", "hukou", ("父母双方身份证及结婚证", "Parents' ID cards and marriage certificate", 1, True)],
  "《中华人民共和国户口登记条例》第七条",
  ["上户口", "报户口", "落户", "新生儿落户", "孩子上户口", "出生登记", "birth registration", "hukou"])

I("GA-002", "户口迁入(投靠、购房、就业落户)", "Moving a household registration into the district", "licence", "department",
  (5, 20), 1, "OA", 30,
  "夫妻投靠、子女投靠父母、在本区购房或稳定就业的人员,可申请将户口迁入本区;符合\"跨省通办\"的由迁入地派出所一站式办理,无需回原籍开准迁证。",
  "People joining a spouse or parents, or who bought a home or have stable work here, apply to move their hukou in; under nationwide handling the local police station does it in one go without a trip home.",
  [("符合投靠、购房或就业等落户条件", "Meets a settlement condition: family, home ownership or work"), ("有合法稳定住所", "Has lawful stable housing")],
  ["id", "hukou", ("落户条件证明(结婚证、不动产权证、劳动合同等)", "Proof of the condition (marriage certificate, title deed, labour contract)", 1, True)],
  "《中华人民共和国户口登记条例》第十三条",
  ["落户", "迁户口", "户口迁入", "投靠落户", "买房落户", "户口转过来", "hukou transfer", "settle"])

I("GA-003", "户口迁出登记", "Moving a household registration out of the district", "other-power", "department",
  (1, 5), 1, "O", 20,
  "迁往外地的,多数情形由迁入地派出所\"一站式\"办理,原籍自动迁出;确需在本地办理迁出的,到户籍地派出所申报。",
  "For most moves the new place's police station handles everything and the old registration is closed automatically; otherwise report the move at the local station.",
  [("已符合迁入地落户条件", "Meets the settlement conditions at the destination")],
  ["id", "hukou", ("准予迁入证明(如需)", "Permission to move in (if required)", 1, True)],
  "《中华人民共和国户口登记条例》第十条",
  ["迁出户口", "户口迁走", "迁户口", "开迁移证", "move hukou out"])

I("GA-004", "死亡人员户口注销", "Cancelling the household registration of a deceased person", "confirmation", "department",
  (0, 0), 1, "O", 15,
  "公民死亡后,由户主、亲属等持死亡医学证明到派出所注销户口并交回身份证,可同步办理\"身后一件事\"。",
  "After a death, the head of household or a relative cancels the hukou at the police station with the death certificate and returns the ID card; the 'after-death bundle' can be done at the same time.",
  [("公民已死亡", "The person has died")],
  ["death", "hukou", ("逝者居民身份证", "ID card of the deceased", 1, True)],
  "《中华人民共和国户口登记条例》第八条",
  ["注销户口", "销户", "去世销户", "死亡注销", "cancel hukou", "death registration"])

I("GA-005", "居民身份证首次申领", "First application for a resident ID card", "confirmation", "department",
  (15, 60), 1, "H", 15,
  "公民到户籍所在地或异地受理点申领身份证,现场采集照片和指纹,可选择邮寄送达;行动不便的老年人、残疾人可申请上门办理。",
  "Apply at the local or any designated office; photo and fingerprints are taken on site and the card can be posted. Police come to the homes of older or disabled people who cannot travel.",
  [("中华人民共和国公民", "Chinese citizen"), ("已登记常住户口", "Registered in a household")],
  ["hukou", ("监护人身份证(未满16周岁)", "Guardian's ID card (under 16)", 1, True)],
  "《中华人民共和国居民身份证法》第八条、第十条",
  ["办身份证", "身份证", "首次办证", "小孩办身份证", "ID card"],
  fee=(20, "工本费20元", "Production fee 20 yuan"))

I("GA-006", "居民身份证换领", "Renewing a resident ID card", "confirmation", "department",
  (15, 60), 1, "AH", 15,
  "身份证有效期满、姓名变更或严重损坏的,应换领新证;有效期满前3个月可申请,支持跨省异地办理。",
  "Renew when the card expires, the name changes or it is badly damaged; apply from 3 months before expiry, anywhere in China.",
  [("身份证有效期将满、已满或证件损坏、信息变更", "Card expiring, expired, damaged or details changed")],
  ["hukou", ("原居民身份证", "Old ID card", 1, True)],
  "《中华人民共和国居民身份证法》第十一条",
  ["换身份证", "身份证到期", "身份证过期", "身份证换证", "renew ID card"],
  fee=(20, "工本费20元", "Production fee 20 yuan"))

I("GA-007", "居民身份证挂失补领", "Replacing a lost resident ID card", "confirmation", "department",
  (15, 60), 1, "", 15,
  "身份证丢失的,可网上或到派出所挂失并申请补领,补领期间可申领临时身份证。",
  "Report a lost card online or at the police station and apply for a replacement; a temporary ID card can be issued meanwhile.",
  [("身份证丢失或被盗", "Card lost or stolen")],
  ["hukou"],
  "《中华人民共和国居民身份证法》第十一条",
  ["身份证丢了", "补身份证", "身份证挂失", "补办身份证", "lost ID card"],
  fee=(40, "补领工本费40元", "Replacement fee 40 yuan"))

I("GA-008", "临时居民身份证申领", "Temporary resident ID card", "confirmation", "department",
  (0, 3), 1, "", 10,
  "正在申领、换领、补领身份证期间急需使用的,可申领有效期3个月的临时身份证。",
  "If an ID card is needed urgently while a new one is being made, a temporary card valid for 3 months is issued.",
  [("已申请办理居民身份证且急需使用", "Already applied for an ID card and needs one urgently")],
  ["hukou", "photo"],
  "《中华人民共和国临时居民身份证管理办法》第二条",
  ["临时身份证", "临时证", "急用身份证", "temporary ID"],
  fee=(10, "工本费10元", "Production fee 10 yuan"))

I("GA-009", "居住证申领", "Residence permit", "confirmation", "department",
  (10, 15), 1, "O", 15,
  "离开户籍地到本区居住半年以上,并有合法稳定就业、合法稳定住所或连续就读之一的,可申领居住证,享受子女入学、医保参保等基本公共服务。",
  "People who have lived in the district for over six months with stable work, stable housing or continuous schooling can get a residence permit, giving access to schooling, health insurance and other public services.",
  [("已办理居住登记满半年", "Registered as a resident for at least six months"),
   ("有合法稳定就业、合法稳定住所或连续就读之一", "Stable work, stable housing or continuous schooling")],
  ["id", "photo", ("居住证明材料(租赁合同、不动产权证书或单位、学校证明)", "Proof of residence (tenancy, title deed, employer or school letter)", 1, False)],
  "《居住证暂行条例》第九条、第十条",
  ["居住证", "办居住证", "暂住证", "外地人办证", "residence permit"])

I("GA-010", "居住登记", "Residence registration", "public-service", "community",
  (0, 0), 0, "O", 10,
  "非本区户籍人员来本区居住的,应向社区或派出所申报居住登记,也可网上申报,满半年后可申领居住证。",
  "Non-local residents register their address with the community or police, or online; after six months they can apply for a residence permit.",
  [("非本区户籍、在本区居住", "Lives in the district without a local hukou")],
  ["id", "lease"],
  "《居住证暂行条例》第六条",
  ["居住登记", "暂住登记", "流动人口登记", "租房登记", "residence registration"])

I("GA-011", "户口簿补领换领", "Replacing a household register booklet", "confirmation", "department",
  (1, 5), 1, "", 15,
  "户口簿遗失或损坏的,由户主或户内成员到户籍地派出所申请补领、换领。",
  "If the hukou booklet is lost or damaged, the head or a member of the household applies at the local police station.",
  [("户口簿遗失、损坏或需要换页", "Booklet lost, damaged or pages needed")],
  ["id"],
  "《中华人民共和国户口登记条例》第五条",
  ["户口本丢了", "补户口本", "换户口本", "户口簿补办", "hukou booklet"])

I("GA-012", "户口登记项目变更更正", "Changing or correcting household registration details", "confirmation", "department",
  (10, 20), 1, "A", 20,
  "姓名、出生日期、民族等户口登记项目需要变更或更正的,持相关证明到户籍地派出所申请,审核后办理。",
  "To change or correct a name, date of birth or ethnicity, apply at the local police station with evidence; done after review.",
  [("有变更更正的合法依据", "Lawful grounds for the change")],
  ["id", "hukou", ("变更更正依据材料(出生医学证明、档案等)", "Evidence (birth certificate, personnel file)", 1, True)],
  "《中华人民共和国户口登记条例》第十七条",
  ["改名", "改名字", "改年龄", "改民族", "户口更正", "change name"])

I("GA-013", "养犬登记", "Dog registration", "licence", "department",
  (5, 20), 1, "O", 15,
  "在城区饲养犬只的,应凭狂犬病免疫证明办理养犬登记,领取犬牌;禁养犬种不予登记,出户须牵引。",
  "Dog owners in the urban area register their dog with its rabies vaccination certificate and receive a tag; banned breeds cannot be registered and dogs must be leashed outdoors.",
  [("犬只已接种狂犬病疫苗", "Dog vaccinated against rabies"), ("非禁养犬种", "Not a banned breed"), ("饲养人具有完全民事行为能力", "Owner is an adult with full capacity")],
  ["id", "vet_cert", ("犬只正面、侧面照片", "Photos of the dog (front and side)", 2, True), "lease"],
  "《中华人民共和国动物防疫法》第三十条",
  ["养狗", "办狗证", "狗证", "犬证", "养犬登记", "犬牌", "dog licence", "dog registration", "pet"])

I("GA-014", "无犯罪记录证明", "Certificate of no criminal record", "confirmation", "department",
  (1, 3), 0, "O", 10,
  "个人因就业、出国等需要,可网上或到派出所申请开具本人无犯罪记录证明,社区不再出具此类证明。",
  "People needing proof of no criminal record (jobs, going abroad) apply online or at the police station; communities no longer issue it.",
  [("查询本人犯罪记录", "About the applicant themself")],
  ["id"],
  "《公安机关办理犯罪记录查询工作规定》第六条",
  ["无犯罪证明", "无犯罪记录", "良民证", "政审证明", "no criminal record"])

I("GA-015", "普通护照签发", "Issuing an ordinary passport", "licence", "department",
  (7, 15), 1, "OA", 15,
  "公民因私出国的,可到任一出入境窗口申请普通护照,现场采集照片和指纹,7个工作日内签发,可邮寄送达。",
  "Citizens travelling abroad apply at any exit-entry office; photo and fingerprints taken on site, issued within 7 working days, can be posted.",
  [("中国公民", "Chinese citizen")],
  ["id"],
  "《中华人民共和国护照法》第五条、第六条",
  ["护照", "办护照", "出国", "passport"],
  fee=(120, "护照工本费120元", "Passport fee 120 yuan"))

I("GA-016", "往来港澳通行证及签注", "Exit-entry permit and endorsement for Hong Kong and Macao", "licence", "department",
  (7, 15), 1, "OA", 15,
  "内地居民前往港澳旅游、探亲、商务的,申请往来港澳通行证及相应签注,再次签注可在自助机办理。",
  "Mainland residents travelling to Hong Kong or Macao apply for the permit and an endorsement; repeat endorsements at self-service machines.",
  [("内地居民", "Mainland resident")],
  ["id"],
  "《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》第三条",
  ["港澳通行证", "去香港", "去澳门", "港澳签注", "HK Macao permit"],
  fee=(60, "卡式通行证60元,每次签注15元", "Card permit 60 yuan, each endorsement 15 yuan"))

I("GA-017", "见义勇为人员确认和奖励", "Recognition and reward for acts of bravery", "reward", "department",
  (30, 60), 1, "", 30,
  "对在保护国家、集体利益或他人人身财产安全中挺身而出的见义勇为人员,经确认后给予表彰奖励并落实抚恤优待。",
  "People who stepped forward to protect public interests or others' safety and property are recognised and rewarded, with compensation where they were hurt.",
  [("行为发生在本区或为本区户籍居民", "Act took place in the district or by a local resident"), ("事实清楚、证据确凿", "Facts clear and proven")],
  [("见义勇为申报表", "Application form", 1, True), ("事迹材料及证人证言、视频等证据", "Account of the act with witness statements or video", 1, False)],
  "《内蒙古自治区见义勇为人员奖励和保障条例》第十条",
  ["见义勇为", "好人好事", "英雄", "奖励", "bravery award"])

# ============================================================== 交警 traffic-police (JJ)
I("JJ-001", "机动车驾驶证期满换证", "Renewing a driving licence at expiry", "licence", "department",
  (0, 1), 0, "O", 15,
  "驾驶证有效期满前90日内,可通过\"交管12123\"或车管所窗口申请换证,需提交身体条件证明,新证可邮寄。",
  "Within 90 days before expiry, renew via the Traffic Management 12123 app or at the vehicle office, with a health check; the new licence can be posted.",
  [("驾驶证有效期满前90日内", "Within 90 days before expiry"), ("身体条件符合要求", "Meets health requirements")],
  ["id", ("身体条件证明", "Health check certificate", 1, True), "photo"],
  "《中华人民共和国道路交通安全法》第十九条",
  ["驾照换证", "驾驶证到期", "换驾照", "12123", "driving licence renewal"],
  fee=(10, "驾驶证工本费10元", "Licence fee 10 yuan"))

I("JJ-002", "机动车检验标志核发(免检车辆)", "Inspection sticker for vehicles exempt from on-site inspection", "confirmation", "department",
  (0, 0), 0, "O", 10,
  "6年以内非营运小微型客车免于上线检测,每两年网上申领电子检验标志。",
  "Private small cars under 6 years old are exempt from the test line and get an electronic inspection sticker online every two years.",
  [("6年以内的非营运小微型载客汽车", "Private small passenger car under 6 years old"), ("交通违法和事故已处理完毕", "All traffic offences and accidents settled"),
   ("交强险在有效期内", "Compulsory insurance valid")],
  [("机动车行驶证", "Vehicle registration certificate", 1, True), ("交强险保单", "Compulsory insurance policy", 1, False)],
  "《中华人民共和国道路交通安全法》第十三条",
  ["年检", "车检", "免检", "检验标志", "年审", "car inspection"])

I("JJ-003", "电动自行车登记上牌", "Registering an electric bicycle", "confirmation", "street",
  (0, 0), 1, "A", 15,
  "购买符合国家标准的电动自行车后,携车到街道设置的登记点办理登记上牌,当场核发号牌和行驶证。",
  "After buying a standard-compliant e-bike, bring it to a registration point run with the street office; plates and registration card are issued on the spot.",
  [("车辆符合国家标准并列入产品目录", "Bike meets the national standard and is listed"), ("车主为本区居民或持居住证", "Owner is a resident or holds a residence permit")],
  ["id", ("购车发票及产品合格证", "Purchase invoice and conformity certificate", 1, True)],
  "《中华人民共和国道路交通安全法》第十八条",
  ["电动车上牌", "电瓶车上牌", "电动车牌照", "小电驴", "e-bike registration"])

I("JJ-004", "道路交通事故损害赔偿调解", "Mediation of compensation after a road accident", "other-power", "department",
  (10, 10), 2, "A", 40,
  "对交通事故损害赔偿有争议的,当事人可在收到事故认定书后共同申请交警调解,调解期限10日。",
  "Parties disputing compensation after an accident can jointly ask the traffic police to mediate after the accident report; mediation takes up to 10 days.",
  [("已取得交通事故认定书", "Accident report issued"), ("各方当事人同意调解", "All parties agree to mediation")],
  ["id", ("交通事故认定书", "Accident report", 1, True), ("损失证明材料", "Proof of losses", 1, False)],
  "《中华人民共和国道路交通安全法》第七十四条",
  ["交通事故", "撞车赔偿", "事故调解", "车祸", "traffic accident"])

# ============================================================== 交通运输 transport (JT)
I("JT-001", "老年人免费乘车卡办理", "Free bus pass for older people", "public-service", "community",
  (5, 10), 1, "H", 10,
  "年满65周岁的老年人凭身份证办理公交免费乘车卡(60至64周岁半价),可由社区统一代办。",
  "People aged 65 or over get a free bus pass (half price at 60-64); the community can collect applications.",
  [("年满60周岁", "Aged 60 or over")],
  ["id", ("近期一寸免冠照片", "Recent 1-inch photo", 1, True)],
  "《中华人民共和国老年人权益保障法》第五十八条",
  ["老年卡", "公交卡", "免费坐公交", "敬老卡", "乘车卡", "bus pass"])

I("JT-002", "巡游出租汽车驾驶员从业资格证核发", "Taxi driver qualification certificate", "licence", "department",
  (10, 20), 1, "O", 20,
  "取得驾驶证3年以上、无重大交通事故责任记录的,通过考试后可申领出租汽车驾驶员从业资格证。",
  "Drivers with at least 3 years' licence and no major accident record can obtain the taxi driver certificate after an exam.",
  [("取得相应驾驶证3年以上", "Licence held for 3 years or more"), ("无交通肇事犯罪、危险驾驶犯罪记录", "No traffic crime record"), ("考试合格", "Passed the exam")],
  ["id", ("机动车驾驶证", "Driving licence", 1, True), "photo"],
  "《出租汽车驾驶员从业资格管理规定》第十一条",
  ["出租车资格证", "开出租", "的哥", "网约车资格", "taxi licence"])

I("JT-003", "道路货物运输经营许可", "Road freight transport licence", "licence", "department",
  (10, 20), 1, "O", 30,
  "使用总质量4.5吨以上货车从事经营性货运的,应申请道路货物运输经营许可。",
  "Businesses running trucks over 4.5 tonnes for hire must obtain a road freight licence.",
  [("有符合要求的车辆和驾驶人员", "Suitable vehicles and drivers"), ("有健全的安全生产管理制度", "Proper safety management")],
  ["licence", ("车辆技术等级评定材料", "Vehicle technical rating", 1, False), ("驾驶人员从业资格证", "Drivers' qualification certificates", 1, False)],
  "《中华人民共和国道路运输条例》第二十四条",
  ["货运许可", "道路运输证", "跑运输", "货车经营", "freight licence"])

I("JT-004", "网络预约出租汽车运输证核发", "Ride-hailing vehicle transport certificate", "licence", "department",
  (10, 20), 1, "O", 20,
  "拟从事网约车经营的车辆,符合本市车辆标准的,由平台公司或车主申请网络预约出租汽车运输证。",
  "Vehicles meeting the city's standard for ride-hailing get a transport certificate on application by the platform or owner.",
  [("7座及以下乘用车", "Passenger car with 7 seats or fewer"), ("安装具有行驶记录功能的车载终端", "Has an on-board recording terminal")],
  [("机动车行驶证", "Vehicle registration certificate", 1, True), ("车辆保险凭证", "Insurance policy", 1, False)],
  "《网络预约出租汽车经营服务管理暂行办法》第十二条",
  ["网约车", "滴滴", "运输证", "ride-hailing"])

# ============================================================== 住建 housing (ZJ)
# Housing provident fund items are handled by the city HPF centre's Jining office; the
# taxonomy has no code for it, so they are filed under housing.
I("ZJ-001", "住房公积金提取(购买自住住房)", "Housing provident fund withdrawal to buy a home", "public-service", "department",
  (1, 3), 0, "O", 15,
  "职工购买自住住房的,可提取本人及配偶住房公积金账户余额,由市住房公积金管理中心集宁管理部办理,支持网上办理。",
  "Employees buying their own home can withdraw their and their spouse's provident fund balance; handled by the city HPF centre's Jining office, also online.",
  [("购买本市或户籍地自住住房", "Buying a home to live in, locally or where registered"), ("正常缴存住房公积金", "Contributing to the fund")],
  ["id", ("购房合同及购房发票或不动产权证书", "Purchase contract and invoice, or title deed", 1, True), "bank"],
  "《住房公积金管理条例》第二十四条、第二十五条",
  ["公积金", "取公积金", "提公积金", "买房提取", "公积金提取", "housing fund", "provident fund"])

I("ZJ-002", "住房公积金提取(租赁住房)", "Housing provident fund withdrawal to pay rent", "public-service", "department",
  (0, 3), 0, "O", 10,
  "职工本人及配偶在缴存地无自有住房且租房自住的,可按月或按年提取公积金支付房租。",
  "Employees without a home of their own where they work can withdraw monthly or yearly to pay rent.",
  [("本人及配偶在本市无自有住房", "Neither spouse owns a home in the city"), ("连续足额缴存3个月以上", "Contributed for at least 3 months")],
  ["id", "pledge"],
  "《住房公积金管理条例》第二十四条",
  ["租房提取", "公积金付房租", "公积金租房", "rent withdrawal"])

I("ZJ-003", "住房公积金提取(离休、退休)", "Housing provident fund withdrawal on retirement", "public-service", "department",
  (0, 3), 0, "O", 10,
  "职工离休、退休的,可一次性提取住房公积金账户全部余额并销户。",
  "On retirement employees withdraw the whole balance and close the account.",
  [("已办理离休、退休手续", "Retired")],
  ["id", ("退休证明(可由社保数据共享核验)", "Proof of retirement (checked by data sharing)", 1, False), "bank"],
  "《住房公积金管理条例》第二十四条",
  ["退休提公积金", "公积金销户", "退休取公积金", "retirement withdrawal"])

I("ZJ-004", "住房公积金提取(职工死亡继承)", "Housing provident fund withdrawal after the death of a member", "public-service", "department",
  (1, 3), 1, "A", 20,
  "职工死亡或被宣告死亡的,其继承人、受遗赠人可提取其住房公积金账户余额。",
  "When a member dies, heirs or legatees can withdraw the account balance.",
  [("缴存职工已死亡或被宣告死亡", "The member has died or been declared dead")],
  ["death", ("继承权公证书或法院判决书", "Notarised certificate of inheritance or court judgment", 1, True), ("继承人身份证", "Heir's ID card", 1, True)],
  "《住房公积金管理条例》第二十四条",
  ["公积金继承", "去世提公积金", "死亡提取", "inherit provident fund"])

I("ZJ-005", "住房公积金个人住房贷款", "Housing provident fund mortgage", "public-service", "department",
  (10, 15), 1, "OA", 40,
  "连续足额缴存公积金的职工购买、建造、翻建、大修自住住房时,可申请公积金贷款,利率低于商业贷款。",
  "Employees with continuous contributions can borrow from the fund to buy, build or renovate their home, at lower rates than bank loans.",
  [("连续足额缴存6个月以上", "Contributed in full for at least 6 months"), ("具有稳定收入和偿还能力", "Stable income and ability to repay"), ("无未还清的公积金贷款", "No outstanding fund loan")],
  ["id", "marriage", ("购房合同", "Purchase contract", 1, True), ("收入证明或银行流水", "Proof of income or bank statements", 1, True)],
  "《住房公积金管理条例》第二十六条",
  ["公积金贷款", "公积金买房", "房贷", "低息贷款", "mortgage", "housing loan"])

I("ZJ-006", "单位住房公积金缴存登记", "Employer registration for the housing provident fund", "public-service", "department",
  (1, 5), 0, "O", 15,
  "新设立的单位应自设立之日起30日内办理住房公积金缴存登记,并为职工设立个人账户。",
  "New employers register with the fund within 30 days of being set up and open accounts for their employees.",
  [("已依法设立的单位", "Legally established employer")],
  ["licence", ("单位经办人身份证", "ID card of the employer's representative", 1, True)],
  "《住房公积金管理条例》第十四条",
  ["公积金开户", "单位公积金", "缴存登记", "employer registration"])

I("ZJ-007", "住宅专项维修资金使用(小额维修,街道审核)", "Use of the residential maintenance fund for small repairs (street approval)", "other-power", "street",
  (5, 10), 1, "A", 30,
  "小区共用部位、共用设施设备发生小额维修(如单元门、屋面局部渗漏、楼道灯)需使用维修资金的,经业主表决后由街道审核拨付,部分资金使用决定权已下放至街道。",
  "Small repairs to shared parts of a residential compound (entrance doors, local roof leaks, stairwell lights) are paid from the maintenance fund after an owners' vote; the street approves, as part of the power delegated to streets.",
  [("属于共用部位、共用设施设备维修", "Repair to shared parts or equipment"), ("经专有部分占建筑物总面积过半数且人数过半数的业主同意", "Approved by owners holding over half the area and over half the number")],
  [("维修资金使用申请表", "Application form", 1, True), ("业主表决结果及公示材料", "Owners' vote and notice", 1, True), ("维修方案及预算", "Repair plan and budget", 1, True)],
  "《住宅专项维修资金管理办法》第二十二条",
  ["维修资金", "维修基金", "公共维修基金", "楼顶漏水", "电梯维修", "maintenance fund"])

I("ZJ-008", "住宅专项维修资金使用(一般和应急)", "Use of the residential maintenance fund (major or emergency repairs)", "other-power", "department",
  (7, 15), 1, "A", 30,
  "电梯更新、外墙修缮等较大金额或危及安全的应急维修需使用维修资金的,由住建部门审核后划拨;应急情形可先行维修。",
  "Larger or urgent safety repairs (lift replacement, facades) are approved by the housing bureau; in an emergency repairs can start first.",
  [("已归集住宅专项维修资金", "Maintenance fund collected for the building"), ("业主表决通过或属于应急维修情形", "Approved by owners, or an emergency")],
  [("维修资金使用申请表", "Application form", 1, True), ("业主表决结果", "Owners' vote", 1, True), ("工程预算及施工合同", "Budget and works contract", 1, True)],
  "《住宅专项维修资金管理办法》第二十二条、第二十四条",
  ["维修基金", "电梯更换", "外墙脱落", "应急维修", "major repairs"])

I("ZJ-009", "公共租赁住房保障申请", "Applying for public rental housing", "benefit", "street",
  (20, 30), 1, "OAH", 30,
  "本区城镇中等偏下收入住房困难家庭、新就业无房职工等可申请公租房实物配租;街道受理并初审,住建部门复核后轮候配租。",
  "Lower-middle-income families with housing difficulties and newly employed people without a home can apply for public rental housing; the street accepts and reviews, the housing bureau checks and allocates.",
  [("家庭收入、财产符合规定标准", "Household income and assets within limits"), ("在本区无自有住房或人均住房面积低于标准", "No home in the district or below the space standard")],
  ["id", "hukou", "income", "marriage"],
  "《公共租赁住房管理办法》第七条",
  ["公租房", "廉租房", "保障房", "租房补助", "public housing", "social housing"])

I("ZJ-010", "公共租赁住房租赁补贴申请", "Rental subsidy for low-income families", "benefit", "street",
  (20, 30), 1, "O", 30,
  "符合公租房保障条件、在市场上自行租房的家庭,可申请按月发放的租赁补贴。",
  "Families who qualify for public housing but rent privately can receive a monthly rent subsidy.",
  [("符合公共租赁住房保障条件", "Qualify for public rental housing"), ("在市场上租赁住房", "Rent on the market")],
  ["id", "hukou", "income", ("房屋租赁合同", "Tenancy agreement", 1, True), "bank"],
  "《公共租赁住房管理办法》第七条",
  ["租房补贴", "租赁补贴", "房租补贴", "rent subsidy"])

I("ZJ-011", "国有土地上房屋征收补偿", "Compensation for expropriation of houses on state-owned land", "levy", "department",
  (30, 60), 2, "A", 60,
  "因公共利益需要征收国有土地上房屋的,由区政府作出征收决定,被征收人可选择货币补偿或产权调换并签订补偿协议。",
  "When houses are expropriated for public interest, the district government issues the decision; owners choose cash or a replacement property and sign a compensation agreement.",
  [("房屋位于已公告的征收范围内", "The house is inside a published expropriation area")],
  ["id", "property", ("房屋评估报告", "Valuation report", 1, True)],
  "《国有土地上房屋征收与补偿条例》第八条",
  ["拆迁", "征收", "拆迁补偿", "棚改", "安置房", "expropriation", "demolition"])

I("ZJ-012", "建筑工程施工许可", "Construction permit", "licence", "department",
  (3, 7), 1, "O", 30,
  "工程投资额30万元以上或建筑面积300平方米以上的建筑工程开工前,建设单位应申领施工许可证。",
  "Before starting building work over 300,000 yuan or 300 square metres, the developer must obtain a construction permit.",
  [("已办理用地、规划许可", "Land and planning approvals in place"), ("已确定施工单位", "Contractor appointed"), ("有满足施工需要的资金安排和施工图纸", "Funding and construction drawings ready")],
  [("施工许可申请表", "Application form", 1, True), ("建设工程规划许可证", "Planning permit", 1, False), ("施工合同", "Construction contract", 1, False)],
  "《中华人民共和国建筑法》第八条",
  ["施工许可", "开工证", "施工证", "construction permit"])

I("ZJ-013", "燃气经营许可", "Gas supply business licence", "licence", "department",
  (15, 20), 1, "O", 30,
  "从事燃气经营活动的企业,应当取得燃气经营许可证。",
  "Companies supplying gas must hold a gas business licence.",
  [("符合燃气发展规划要求", "Consistent with the gas plan"), ("有符合国家标准的燃气气源和燃气设施", "Proper gas source and facilities"),
   ("有固定的经营场所、完善的安全管理制度", "Fixed premises and sound safety management")],
  ["licence", ("燃气设施竣工验收材料", "Acceptance documents for gas facilities", 1, False), ("安全管理制度", "Safety management rules", 1, False)],
  "《城镇燃气管理条例》第十五条",
  ["燃气经营", "液化气站", "燃气许可", "gas licence"])

I("ZJ-014", "商品房预售许可", "Pre-sale permit for commercial housing", "licence", "department",
  (5, 10), 1, "O", 30,
  "房地产开发企业预售商品房的,应取得商品房预售许可证,预售资金纳入监管。",
  "Developers selling homes off-plan must hold a pre-sale permit; pre-sale funds are escrowed.",
  [("已交付全部土地使用权出让金", "Land fees paid in full"), ("持有规划许可和施工许可", "Planning and construction permits held"), ("投入开发建设资金达到规定比例", "Required share of investment made")],
  ["licence", ("土地使用权证明", "Land use right certificate", 1, False), ("预售方案", "Pre-sale plan", 1, True)],
  "《城市商品房预售管理办法》第五条",
  ["预售证", "楼盘预售", "期房", "pre-sale permit"])

I("ZJ-015", "房屋安全鉴定", "House safety appraisal", "public-service", "department",
  (10, 20), 1, "A", 30,
  "房屋出现裂缝、倾斜、沉降等疑似危险情况的,产权人或使用人可申请房屋安全鉴定。",
  "Owners or occupiers of a house with cracks, tilt or settlement can ask for a safety appraisal.",
  [("房屋存在安全隐患或需改变使用用途", "House shows safety problems or use is changing")],
  ["id", "property", ("鉴定委托书", "Appraisal request", 1, True)],
  "《城市危险房屋管理规定》第六条",
  ["危房鉴定", "房屋裂缝", "房子安全", "house safety"])

# ============================================================== 市场监管 market-regulation (SJ)
I("SJ-001", "个体工商户设立登记", "Registering a sole trader (individual business)", "licence", "street",
  (0, 3), 0, "O", 20,
  "开个体店铺的,可在街道便民服务中心市场监管窗口或网上申请设立登记,材料齐全的当场核发营业执照。",
  "People opening a small shop register as a sole trader at the street centre's market regulation counter or online; with complete papers the licence is issued on the spot.",
  [("有经营能力的自然人或家庭", "Individual or family able to run a business"), ("有固定经营场所", "Has fixed premises")],
  ["id", "enterprise_form", "premises"],
  "《市场主体登记管理条例》第十九条",
  ["个体户", "办执照", "营业执照", "开店", "个体工商户", "business licence", "sole trader"])

I("SJ-002", "个体工商户变更登记", "Changing a sole trader's registration", "licence", "street",
  (0, 3), 0, "O", 15,
  "个体工商户名称、经营者、经营范围、经营场所等发生变化的,应申请变更登记。",
  "Sole traders whose name, operator, business scope or premises change apply to update the registration.",
  [("登记事项发生变化", "Registered details have changed")],
  ["licence", "id", ("变更事项证明", "Proof of the change", 1, False)],
  "《市场主体登记管理条例》第二十四条",
  ["执照变更", "改经营范围", "换地址", "个体户变更", "change licence"])

I("SJ-003", "个体工商户注销登记", "Closing a sole trader's registration", "licence", "street",
  (0, 3), 0, "O", 15,
  "个体工商户不再经营的,申请注销登记;无债权债务的可适用简易注销。",
  "Sole traders who stop trading cancel their registration; a simplified procedure applies if there are no debts.",
  [("已结清税款等债权债务", "Taxes and debts settled")],
  ["licence", "id"],
  "《市场主体登记管理条例》第三十一条",
  ["注销执照", "个体户注销", "关店", "不干了", "close business"])

I("SJ-004", "企业设立登记", "Company incorporation", "licence", "department",
  (1, 3), 0, "O", 30,
  "设立有限责任公司等企业,可通过企业开办\"一网通办\"平台一次提交设立登记、公章刻制、税务、社保、公积金等事项,1个工作日内办结。",
  "Founders of a limited company submit incorporation, seal engraving, tax, social insurance and HPF registration in one go on the business start-up platform; done within 1 working day.",
  [("有符合规定的名称、章程、住所和股东", "Valid name, articles, address and shareholders")],
  ["enterprise_form", "charter", "premises", ("股东、法定代表人身份证明", "IDs of shareholders and legal representative", 1, True)],
  "《市场主体登记管理条例》第十九条",
  ["开公司", "注册公司", "公司注册", "企业开办", "营业执照", "register company", "incorporation"])

I("SJ-005", "企业注销登记(含简易注销)", "Company deregistration (incl. simplified)", "licence", "department",
  (1, 3), 0, "O", 20,
  "企业解散需清算后申请注销;未发生债权债务或已清偿完毕的,可适用简易注销,公示20日后办理。",
  "Companies being wound up apply after liquidation; those with no or settled debts use the simplified route after a 20-day public notice.",
  [("已完成清算或符合简易注销条件", "Liquidation done, or eligible for simplified deregistration")],
  ["licence", ("清算报告或全体投资人承诺书", "Liquidation report or investors' undertaking", 1, True)],
  "《市场主体登记管理条例》第三十三条",
  ["公司注销", "简易注销", "关公司", "deregister company"])

I("SJ-006", "食品经营许可(新办)", "Food business licence (new)", "licence", "street",
  (5, 10), 1, "O", 30,
  "开餐馆、超市、便利店等从事食品销售和餐饮服务的,应取得食品经营许可证;街道市场监管所受理并现场核查,仅销售预包装食品的实行备案。",
  "Restaurants, supermarkets and convenience stores need a food business licence; the street market supervision office accepts and inspects. Shops selling only pre-packaged food just file.",
  [("有与经营食品相适应的场所、设备", "Premises and equipment suitable for the food"), ("有食品安全管理人员和规章制度", "Food safety manager and rules in place")],
  ["licence", "id", "layout", ("食品安全管理制度", "Food safety rules", 1, False)],
  "《中华人民共和国食品安全法》第三十五条",
  ["食品经营许可证", "餐饮许可证", "开饭店", "卫生许可证", "开超市", "food licence", "restaurant licence"])

I("SJ-007", "食品经营许可延续、变更", "Renewing or changing a food business licence", "licence", "street",
  (3, 10), 0, "O", 20,
  "食品经营许可证有效期届满需继续经营的,应在届满前90至30个工作日内申请延续;许可事项变化的申请变更。",
  "Apply to renew 90 to 30 working days before the licence expires, or to change it when licensed details change.",
  [("持有有效的食品经营许可证", "Holds a valid food business licence")],
  ["licence", ("食品经营许可证正副本", "Food business licence (original and copy)", 1, True)],
  "《中华人民共和国食品安全法》第三十五条",
  ["许可证延续", "许可证到期", "餐饮证换证", "renew food licence"])

I("SJ-008", "小餐饮、食品小作坊、食品摊贩登记", "Registration of small eateries, food workshops and food stalls", "confirmation", "street",
  (5, 10), 1, "", 20,
  "从业人员少、条件简单的小餐饮店、食品小作坊和食品摊贩,向街道市场监管所申请登记,领取登记证或登记卡。",
  "Small eateries, food workshops and stalls register with the street market supervision office and receive a registration card.",
  [("经营场所符合卫生条件", "Premises meet hygiene standards"), ("从业人员持有健康证明", "Staff hold health certificates")],
  ["id", "premises", ("从业人员健康证明", "Staff health certificates", 1, True)],
  "《内蒙古自治区食品小作坊小餐饮店小食杂店和食品摊贩管理条例》第十条",
  ["小餐饮", "小作坊", "摊贩登记", "早点摊", "小吃店", "food stall"])

I("SJ-009", "特种设备使用登记(电梯等)", "Registration of special equipment in use (lifts etc.)", "licence", "department",
  (5, 15), 0, "O", 20,
  "电梯、锅炉、压力容器等特种设备投入使用前或投入使用后30日内,使用单位应办理使用登记。",
  "Users of lifts, boilers and pressure vessels register them before or within 30 days of putting them into service.",
  [("特种设备经监督检验合格", "Equipment passed inspection")],
  ["licence", ("特种设备使用登记表", "Registration form", 1, True), ("监督检验证书", "Inspection certificate", 1, False)],
  "《中华人民共和国特种设备安全法》第三十三条",
  ["电梯登记", "锅炉登记", "特种设备", "lift registration"])

I("SJ-010", "药品零售企业经营许可", "Retail pharmacy licence", "licence", "department",
  (15, 30), 1, "O", 30,
  "开办药店的,应取得药品经营许可证,配备执业药师并符合药品经营质量管理规范。",
  "New pharmacies need a drug business licence, a licensed pharmacist and compliance with good supply practice.",
  [("配备依法经过资格认定的药师", "Has a qualified pharmacist"), ("有与经营药品相适应的营业场所、设备和质量管理制度", "Suitable premises, equipment and quality system")],
  ["licence", "layout", ("执业药师注册证", "Pharmacist's registration", 1, False)],
  "《中华人民共和国药品管理法》第五十二条",
  ["药店许可", "开药店", "药品经营许可证", "pharmacy licence"])

I("SJ-011", "食品安全违法行为举报奖励", "Reward for reporting food safety violations", "reward", "department",
  (15, 60), 1, "O", 20,
  "举报食品安全违法行为经查证属实并作出处罚的,按规定对实名举报人给予奖励并为其保密。",
  "Named whistle-blowers whose reports of food safety violations lead to penalties are rewarded and protected.",
  [("实名举报", "Report made under real name"), ("举报内容经查证属实并立案处理", "Report proven and acted on")],
  ["id", "bank"],
  "《中华人民共和国食品安全法》第一百一十五条",
  ["举报奖励", "食品举报", "地沟油举报", "reward", "whistle-blower"])

I("SJ-012", "专利侵权纠纷行政裁决", "Administrative ruling on patent infringement disputes", "adjudication", "department",
  (60, 90), 2, "A", 40,
  "专利权人或利害关系人认为专利被侵犯的,可请求知识产权管理部门处理,认定侵权成立的责令停止侵权。",
  "Patent holders who believe their patent is infringed can ask the IP authority to rule; if infringement is found it orders it to stop.",
  [("请求人是专利权人或利害关系人", "Requester is the patent holder or an interested party"), ("有明确的被请求人和具体请求", "Clear respondent and request")],
  [("专利侵权纠纷处理请求书", "Request for ruling", 1, True), ("专利证书及专利登记簿副本", "Patent certificate and register extract", 1, False), ("侵权证据", "Evidence of infringement", 1, False)],
  "《中华人民共和国专利法》第六十五条",
  ["专利纠纷", "专利侵权", "知识产权", "patent dispute"])

I("SJ-013", "消费者投诉处理", "Handling consumer complaints", "other-power", "street",
  (7, 7), 0, "O", 20,
  "消费者与经营者发生消费纠纷的,可通过12315平台或街道市场监管所投诉,7个工作日内决定是否受理并组织调解。",
  "Consumers in a dispute with a trader complain via 12315 or the street market supervision office, which decides within 7 working days whether to accept and then mediates.",
  [("存在消费者权益争议", "A consumer rights dispute"), ("有明确的被投诉人", "A clear respondent")],
  ["id", ("购物凭证及相关证据", "Receipts and evidence", 1, False)],
  "《市场监督管理投诉举报处理暂行办法》第十五条",
  ["12315", "消费投诉", "买到假货", "退货纠纷", "商家不退款", "consumer complaint"])

# ============================================================== 城管 urban-management (CG)
I("CG-001", "临时占用城市道路许可", "Permit for temporary occupation of a city road", "licence", "department",
  (3, 10), 1, "O", 20,
  "因施工堆料、搭建临时设施、举办活动等需临时占用城市道路的,经城管和交警部门批准后占用,并按规定缴纳占道费。",
  "Temporary use of a road for building materials, structures or events requires approval from urban management and traffic police, and payment of the occupation fee.",
  [("确因特殊情况需要临时占用", "Occupation is genuinely necessary"), ("不影响交通和市容安全", "Does not endanger traffic or the streetscape")],
  ["enterprise_form", "site_plan", "id"],
  "《城市道路管理条例》第三十一条",
  ["占道", "占道许可", "临时占道", "堆放材料", "road occupation"])

I("CG-002", "城市道路挖掘许可", "Permit for digging up a city road", "licence", "department",
  (5, 10), 1, "O", 20,
  "因敷设管线等工程需挖掘城市道路的,持规划批准文件和设计图纸申请挖掘许可,并缴纳挖掘修复费。",
  "Works that cut into a road (pipes, cables) need a digging permit with planning approval and drawings, and pay the repair fee.",
  [("已取得规划批准文件", "Planning approval obtained"), ("有施工方案和交通疏导方案", "Works and traffic plans in place")],
  ["enterprise_form", "site_plan", ("规划批准文件和设计图纸", "Planning approval and drawings", 1, False)],
  "《城市道路管理条例》第三十三条",
  ["挖路", "道路开挖", "破路", "road excavation"])

I("CG-003", "户外广告设施设置许可", "Permit for outdoor advertising structures", "licence", "department",
  (5, 15), 1, "O", 20,
  "设置大型户外广告牌、霓虹灯、电子显示屏等的,应经城市管理部门许可。",
  "Large billboards, neon signs and electronic screens need a permit from urban management.",
  [("符合户外广告设置规划", "Consistent with the outdoor advertising plan"), ("设施结构安全", "Structure is safe")],
  ["licence", ("设计效果图和安全结构图", "Design rendering and structural drawing", 1, False), ("场地使用权证明", "Proof of right to use the site", 1, False)],
  "《城市市容和环境卫生管理条例》第十一条",
  ["广告牌", "户外广告", "LED屏", "广告许可", "billboard"])

I("CG-004", "门头牌匾设置备案", "Filing of shop-front signs", "other-power", "street",
  (0, 3), 1, "O", 15,
  "商户设置门头招牌的,向街道城市管理部门备案,按统一规范设置,不再审批。",
  "Shops file their shop-front sign with the street's urban management team and follow the design rules; no approval is needed.",
  [("设置在本店经营场所外立面", "Sign on the shop's own facade"), ("符合牌匾设置技术规范", "Meets the sign guidelines")],
  ["licence", ("牌匾效果图", "Sign design", 1, False)],
  "《城市市容和环境卫生管理条例》第十一条",
  ["门头", "招牌", "店招", "牌匾", "shop sign"])

I("CG-005", "建筑垃圾处置核准", "Approval for disposal of construction waste", "licence", "department",
  (5, 20), 1, "O", 20,
  "处置建筑垃圾的单位,应向城市管理部门提出申请,获得城市建筑垃圾处置核准后方可处置。",
  "Those disposing of construction waste apply to urban management for approval before disposal.",
  [("有消纳场所和运输车辆", "Has a disposal site and vehicles"), ("运输车辆密闭并安装定位设备", "Vehicles closed and tracked")],
  ["enterprise_form", ("建筑垃圾处置方案", "Disposal plan", 1, True), ("运输合同", "Haulage contract", 1, False)],
  "《城市建筑垃圾管理规定》第七条",
  ["渣土", "建筑垃圾", "渣土车", "construction waste"])

I("CG-006", "城市生活垃圾处理费征收(非居民)", "Municipal solid waste fee (non-residential)", "levy", "department",
  (0, 0), 0, "O", 10,
  "机关、企事业单位、个体工商户等非居民用户按规定缴纳城市生活垃圾处理费,可网上缴纳。",
  "Public bodies, businesses and sole traders pay the municipal waste fee; payment can be made online.",
  [("在本区产生生活垃圾的非居民单位", "Non-residential producer of household-type waste in the district")],
  ["licence"],
  "《中华人民共和国固体废物污染环境防治法》第五十八条",
  ["垃圾费", "卫生费", "垃圾处理费", "waste fee"],
  fee=(0, "按核定标准缴纳,以缴费通知为准", "Amount set by the approved tariff, see the payment notice"))

I("CG-007", "城市道路占用费、挖掘修复费征收", "City road occupation and excavation repair fees", "levy", "department",
  (0, 0), 1, "O", 10,
  "经批准占用或挖掘城市道路的单位和个人,按规定缴纳城市道路占用费或挖掘修复费。",
  "Those approved to occupy or dig up a road pay the occupation or repair fee.",
  [("已取得占用或挖掘城市道路许可", "Holds an occupation or excavation permit")],
  [("占用或挖掘许可文件", "Permit", 1, True)],
  "《城市道路管理条例》第三十七条",
  ["占道费", "挖掘修复费", "道路费", "road fee"],
  fee=(0, "按占用面积、期限及修复标准计收", "Charged by area, duration and repair tariff"))

I("CG-008", "居民路内夜间停车泊位证申领", "Residents' night-time on-street parking permit", "public-service", "street",
  (3, 5), 1, "O", 15,
  "老旧小区周边已施划居民夜间停车泊位的,小区居民可凭行驶证申领停车证,夜间在指定泊位优惠停放。",
  "Residents of older compounds next to marked night-time bays can get a parking permit with their vehicle registration and park there at a reduced rate.",
  [("车主居住在泊位所属小区", "Owner lives in the compound served by the bays"), ("每户限办1证", "One permit per household")],
  ["id", ("机动车行驶证", "Vehicle registration certificate", 1, True), "lease"],
  "《城市道路管理条例》第三十一条",
  ["停车证", "停车位", "包月停车", "小区停车", "夜间停车", "parking permit", "parking"],
  fee=(0, "办证不收费,泊位按收费标准包月缴纳", "Permit is free; the bay is paid monthly at the set rate"))

I("CG-009", "大件垃圾和装修垃圾清运预约", "Collection of bulky and renovation waste", "public-service", "community",
  (1, 3), 0, "O", 10,
  "居民家中旧家具、旧家电等大件垃圾和少量装修垃圾,可通过社区或网上预约清运,不得随意堆放。",
  "Residents book the collection of old furniture, appliances and small amounts of renovation waste through the community or online instead of leaving them out.",
  [("本区居民", "District resident")],
  [("清运预约登记(地址、品类、数量)", "Booking details (address, items, quantity)", 1, True)],
  "《中华人民共和国固体废物污染环境防治法》第四十九条",
  ["大件垃圾", "旧家具", "装修垃圾", "清运", "扔沙发", "bulky waste"],
  fee=(0, "大件垃圾免费,装修垃圾按量收费", "Bulky waste free; renovation waste charged by volume"))

I("CG-010", "临时占道经营(早市夜市摊位)许可", "Permit for stalls at morning and night markets", "licence", "street",
  (3, 5), 1, "", 15,
  "在街道划定的早市、夜市和便民疏导点设摊经营的,向街道申请临时摊位,按规定时段和范围经营。",
  "Vendors apply to the street for a temporary pitch at designated morning or night markets and trade only in the set hours and area.",
  [("在划定的便民疏导点内经营", "Trading at a designated market point"), ("遵守市容和食品安全要求", "Follows streetscape and food safety rules")],
  ["id", "photo"],
  "《城市市容和环境卫生管理条例》第十四条",
  ["摆摊", "夜市摊位", "早市", "地摊", "street stall"])

# ============================================================== 卫健 health (WJ)
I("WJ-001", "出生医学证明签发", "Issuing the medical birth certificate", "confirmation", "department",
  (0, 3), 1, "", 15,
  "新生儿在医疗机构出生的,由助产机构在出院前签发出生医学证明,是办理出生登记、参保的依据。",
  "For babies born in hospital, the maternity unit issues the medical birth certificate before discharge; it is needed for birth registration and insurance.",
  [("在具有助产技术服务资质的医疗机构出生", "Born in a licensed maternity unit")],
  [("父母双方身份证", "Parents' ID cards", 1, True), ("出生医学证明首次签发登记表", "Registration form", 1, True)],
  "《中华人民共和国母婴保健法》第二十三条",
  ["出生证", "出生证明", "出生医学证明", "birth certificate"])

I("WJ-002", "生育登记", "Childbirth registration (family planning service)", "public-service", "community",
  (0, 0), 0, "O", 10,
  "夫妻生育子女的,可网上或在社区办理生育登记,登记后享受孕产期保健等服务,不作为生育前置条件。",
  "Couples register a pregnancy or birth online or at the community to receive maternity care services; it is not a condition for having a child.",
  [("夫妻双方", "Married couple")],
  ["id", "marriage"],
  "《中华人民共和国人口与计划生育法》第二十条",
  ["生育登记", "准生证", "生育服务证", "怀孕登记", "birth registration", "pregnancy"])

I("WJ-003", "育儿补贴申领", "Childcare subsidy for children under three", "benefit", "street",
  (15, 30), 0, "O", 15,
  "3周岁以下婴幼儿的父母或监护人,可通过育儿补贴信息管理系统网上申领每孩每年3600元的育儿补贴,街道初审。",
  "Parents or guardians of children under three apply online for a childcare subsidy of 3,600 yuan per child per year; the street does the first review.",
  [("婴幼儿未满3周岁", "Child under three"), ("已办理出生登记", "Birth registered")],
  ["id", "birth", "bank"],
  "《育儿补贴制度实施方案》第三条",
  ["育儿补贴", "生娃补贴", "养娃补贴", "3600", "childcare subsidy", "baby bonus"])

I("WJ-004", "预防接种证办理", "Child vaccination record booklet", "public-service", "community",
  (0, 0), 1, "", 15,
  "儿童出生后一个月内,由监护人到居住地社区卫生服务中心(接种单位)或出生医院办理预防接种证。",
  "Within a month of birth the guardian gets the vaccination booklet at the local community health centre or the hospital of birth.",
  [("居住在本区的儿童", "Child living in the district")],
  ["birth", ("监护人身份证", "Guardian's ID card", 1, True)],
  "《中华人民共和国疫苗管理法》第四十七条",
  ["接种证", "打疫苗", "疫苗本", "预防针", "vaccination"])

I("WJ-005", "家庭医生签约服务", "Signing up with a family doctor", "public-service", "community",
  (0, 0), 0, "OH", 15,
  "居民可与社区卫生服务中心家庭医生团队签约,享受健康管理、慢病随访、预约转诊等服务,老年人、残疾人可上门签约。",
  "Residents sign up with a family doctor team at the community health centre for health management, chronic disease follow-up and referrals; home sign-up for older and disabled people.",
  [("本区常住居民", "Lives in the district")],
  ["id"],
  "《中华人民共和国基本医疗卫生与健康促进法》第三十一条",
  ["家庭医生", "签约医生", "家医", "社区医生", "family doctor", "GP"])

I("WJ-006", "65岁及以上老年人免费健康体检", "Free health check for people aged 65 and over", "public-service", "community",
  (10, 15), 1, "A", 60,
  "65岁及以上常住老年人每年可在社区卫生服务中心免费体检一次,体检报告10个工作日内反馈。",
  "Residents aged 65 or over get a free annual check at the community health centre; results within 10 working days.",
  [("年满65周岁", "Aged 65 or over"), ("在本区常住", "Lives in the district")],
  ["id"],
  "《中华人民共和国基本医疗卫生与健康促进法》第十五条",
  ["老年体检", "免费体检", "健康体检", "health check"])

I("WJ-007", "计划生育家庭奖励扶助金申请", "Family planning reward allowance", "benefit", "street",
  (20, 30), 1, "H", 20,
  "只生育一个子女或合法生育两个女孩的夫妻,年满60周岁后可申请计划生育家庭奖励扶助金,按年发放。",
  "Parents who had only one child (or two girls) may apply for a yearly reward allowance from the age of 60.",
  [("年满60周岁", "Aged 60"), ("符合独生子女家庭或政策内两女户条件", "Only-child family or two-daughter family within policy")],
  ["id", "hukou", ("子女情况证明材料", "Proof of children", 1, False), "bank"],
  "《中华人民共和国人口与计划生育法》第三十一条",
  ["奖励扶助", "独生子女奖励", "计生奖励", "family planning reward"])

I("WJ-008", "计划生育特别扶助金申请", "Special assistance for families whose only child died or is disabled", "benefit", "street",
  (20, 30), 1, "H", 20,
  "独生子女死亡或伤残且未再生育或收养子女的夫妻,女方年满49周岁后可申请特别扶助金。",
  "Couples whose only child has died or is disabled and who have no other child may apply once the mother is 49.",
  [("独生子女死亡或三级以上伤残", "Only child died or disabled grade 3 or above"), ("女方年满49周岁", "Mother aged 49 or over")],
  ["id", "hukou", ("子女死亡或伤残证明", "Proof of the child's death or disability", 1, False), "bank"],
  "《中华人民共和国人口与计划生育法》第三十一条",
  ["失独", "特扶", "特别扶助", "伤残独生子女", "bereaved parents"])

I("WJ-009", "公共场所卫生许可", "Public place hygiene licence", "licence", "department",
  (10, 20), 1, "O", 30,
  "宾馆、美容美发、洗浴、游泳场所等开业前,应取得公共场所卫生许可证。",
  "Hotels, hair and beauty salons, bath houses and swimming pools need a hygiene licence before opening.",
  [("场所卫生设施符合规范", "Hygiene facilities meet the standard"), ("从业人员持有健康合格证明", "Staff hold health certificates")],
  ["licence", "layout", ("卫生检测报告", "Hygiene test report", 1, True)],
  "《公共场所卫生管理条例》第八条",
  ["卫生许可证", "理发店许可", "宾馆许可", "美容院", "hygiene licence"])

I("WJ-010", "诊所备案", "Filing of a clinic", "other-power", "department",
  (0, 0), 1, "O", 30,
  "举办诊所的,实行备案管理,提交备案材料后当场发放诊所备案凭证。",
  "Clinics are set up by filing; the filing receipt is issued on the spot.",
  [("有符合条件的执业医师", "Licensed doctor(s)"), ("诊所设置符合基本标准", "Meets the clinic standard")],
  ["licence", ("诊所备案信息表", "Filing form", 1, True), ("医师执业证书", "Doctor's licence", 1, False)],
  "《医疗机构管理条例》第十五条",
  ["开诊所", "诊所备案", "个体诊所", "clinic filing"])

I("WJ-011", "医疗机构执业登记", "Registration of a medical institution", "licence", "department",
  (20, 45), 1, "O", 30,
  "医疗机构执业前应进行执业登记,取得医疗机构执业许可证。",
  "Medical institutions register before operating and receive a practising licence.",
  [("按照规定应当登记的医疗机构", "Institution subject to registration"), ("符合医疗机构基本标准", "Meets the basic standard")],
  ["licence", ("医疗机构执业登记申请书", "Registration application", 1, True), ("人员资质证明", "Staff qualifications", 1, False)],
  "《医疗机构管理条例》第十六条",
  ["医院许可", "执业许可证", "医疗机构", "hospital licence"])

I("WJ-012", "无偿献血者表彰奖励", "Honours for voluntary blood donors", "reward", "department",
  (30, 60), 0, "O", 10,
  "对积极参加无偿献血的个人给予表彰奖励,获奖者享受免费游览公园等礼遇,本人及亲属用血按规定减免。",
  "Regular blood donors are honoured and enjoy benefits such as free park entry; their and their relatives' transfusion costs are reduced.",
  [("达到表彰标准的献血次数或献血量", "Meets the donation threshold")],
  ["id", ("无偿献血证", "Blood donation certificate", 1, True)],
  "《中华人民共和国献血法》第十七条",
  ["献血", "献血奖励", "献血荣誉", "blood donation"])

I("WJ-013", "居民死亡医学证明(推断)书签发", "Medical certificate of death", "confirmation", "department",
  (0, 3), 1, "H", 20,
  "在医疗机构死亡的由医疗机构签发;在家中死亡且无医疗记录的,由社区卫生服务中心根据调查询问进行死因推断后签发,社区可协助提供死亡情况说明。",
  "Deaths in hospital are certified by the hospital; for home deaths without medical records the community health centre certifies after enquiries, with the community's statement of circumstances.",
  [("公民已死亡(非正常死亡由公安机关处理)", "The person has died (unnatural deaths go to the police)")],
  [("逝者身份证或户口簿", "ID or hukou booklet of the deceased", 1, True), ("申报人身份证", "Informant's ID card", 1, True)],
  "《人口死亡医学证明和信息登记管理暂行办法》第四条",
  ["死亡证明", "死亡医学证明", "开死亡证明", "去世证明", "death certificate"])

I("WJ-014", "免费婚前医学检查", "Free premarital health check", "public-service", "department",
  (1, 3), 1, "A", 60,
  "准备结婚的男女双方可在区妇幼保健院免费进行婚前医学检查,可与结婚登记同日办理。",
  "Couples about to marry can have a free premarital check at the district maternal and child health hospital, on the same day as the marriage registration.",
  [("拟登记结婚的男女双方", "Couple planning to marry")],
  ["id"],
  "《中华人民共和国母婴保健法》第七条",
  ["婚检", "婚前检查", "免费婚检", "premarital check"])

I("WJ-015", "母子健康手册建册", "Maternal and child health record", "public-service", "community",
  (0, 0), 1, "", 15,
  "孕妇在孕13周前到社区卫生服务中心建立母子健康手册,享受免费孕产期保健和产后访视。",
  "Pregnant women open a maternal and child health record at the community health centre before week 13 for free antenatal care and postnatal visits.",
  [("在本区居住的孕妇", "Pregnant woman living in the district")],
  ["id"],
  "《中华人民共和国母婴保健法》第十四条",
  ["建档", "建册", "孕妇建档", "母子手册", "产检", "antenatal"])

# ============================================================== 教育 education (JY)
I("JY-001", "小学一年级入学登记", "Registration for primary school (grade 1)", "public-service", "department",
  (10, 20), 0, "O", 20,
  "年满6周岁的适龄儿童,由父母在规定时间内通过义务教育入学平台按学区登记,免试就近入学。",
  "Parents of children aged six register online in the set period for the school of their catchment area; entry is without exams.",
  [("当年8月31日前年满6周岁", "Six years old by 31 August"), ("在本区学区有户籍或合法居住", "Hukou or lawful residence in the catchment area")],
  ["hukou", "property", ("儿童预防接种证查验证明", "Vaccination check certificate", 1, True)],
  "《中华人民共和国义务教育法》第十二条",
  ["上小学", "入学", "小学报名", "一年级", "学区", "school enrolment", "primary school"])

I("JY-002", "初中一年级入学(小升初)", "Admission to junior middle school (grade 7)", "public-service", "department",
  (10, 20), 0, "O", 20,
  "小学毕业生按学区划片就近升入初中,由学校统一组织,随迁子女通过入学平台登记。",
  "Primary school leavers move on to the junior middle school of their catchment area; children of migrants register on the platform.",
  [("本区小学应届毕业生或符合条件的随迁子女", "Primary school leaver in the district, or eligible migrant child")],
  ["hukou", ("小学学籍信息(系统核验)", "Primary school record (checked in the system)", 1, False)],
  "《中华人民共和国义务教育法》第十二条",
  ["小升初", "上初中", "初中报名", "middle school"])

I("JY-003", "随迁子女入学资格审核", "Eligibility check for children of migrants entering school", "confirmation", "department",
  (10, 20), 1, "O", 20,
  "非本区户籍的适龄儿童,父母持居住证等材料申请在本区接受义务教育,由教育部门统筹安排学位。",
  "Parents without a local hukou apply with their residence permit for their child to attend school here; the education bureau allocates a place.",
  [("父母一方持有本区居住证", "One parent holds a local residence permit"), ("有合法稳定就业或住所", "Stable work or housing")],
  [("居住证", "Residence permit", 1, True), "hukou", "lease"],
  "《中华人民共和国义务教育法》第十二条",
  ["随迁子女", "外地孩子上学", "借读", "积分入学", "migrant children"])

I("JY-004", "义务教育阶段转学", "Transferring schools in compulsory education", "public-service", "department",
  (5, 10), 1, "O", 20,
  "因户籍迁移、家庭搬迁等原因需转学的,由转入学校同意后在学籍系统办理转学手续。",
  "Pupils moving house or hukou transfer once the receiving school agrees; the change is made in the student register system.",
  [("转入学校有空余学位", "Receiving school has a place"), ("有户籍迁移或居住地变化等原因", "Moved hukou or home")],
  ["hukou", ("转学申请表", "Transfer form", 1, True), ("居住地变化证明", "Proof of new address", 1, False)],
  "《中华人民共和国义务教育法》第十二条",
  ["转学", "换学校", "转学籍", "school transfer"])

I("JY-005", "家庭经济困难学生资助申请", "Financial aid for students from low-income families", "benefit", "department",
  (15, 30), 0, "O", 15,
  "家庭经济困难学生通过学校申请国家助学金、营养改善、免学杂费等资助,实行个人承诺,不再要求社区出具贫困证明。",
  "Students from low-income families apply through their school for grants, meal support and fee waivers by personal declaration; no poverty certificate from the community is needed.",
  [("在校学生", "Enrolled student"), ("家庭经济困难", "Family in financial hardship")],
  [("家庭经济困难学生认定申请表(个人承诺)", "Hardship application (self-declaration)", 1, True)],
  "《中华人民共和国教育法》第三十八条",
  ["助学金", "贫困生", "学生资助", "困难补助", "student aid"])

I("JY-006", "学前教育幼儿资助", "Financial aid for preschool children", "benefit", "department",
  (15, 30), 0, "O", 15,
  "在公办和普惠性幼儿园就读的家庭经济困难幼儿、孤儿和残疾儿童,可申请保育教育费减免或生活补助。",
  "Preschool children in public or non-profit kindergartens who are from low-income families, orphaned or disabled get fee waivers or living support.",
  [("在公办或普惠性幼儿园就读", "Attends a public or non-profit kindergarten"), ("家庭经济困难或孤残儿童", "Low-income, orphaned or disabled")],
  [("资助申请表(个人承诺)", "Application form (self-declaration)", 1, True)],
  "《中华人民共和国学前教育法》第六十二条",
  ["幼儿园资助", "学前资助", "幼儿补助", "preschool aid"])

I("JY-007", "教师资格认定", "Teacher qualification recognition", "confirmation", "department",
  (20, 30), 1, "O", 20,
  "通过国家教师资格考试的人员,网上申请教师资格认定,体检合格后颁发教师资格证书。",
  "People who passed the national teacher exam apply online; the certificate is issued after a medical check.",
  [("教师资格考试合格", "Passed the national exam"), ("普通话水平达到要求", "Putonghua level met"), ("体检合格", "Passed the medical")],
  ["id", "photo", ("学历证书", "Degree certificate", 1, False)],
  "《中华人民共和国教师法》第十三条",
  ["教师资格证", "教资", "认定教资", "teacher certificate"])

I("JY-008", "民办学校(校外培训机构)办学许可", "Licence for private schools and tutoring centres", "licence", "department",
  (30, 60), 1, "O", 40,
  "举办民办学校或非学科类校外培训机构的,向教育或相关主管部门申请办学许可。",
  "Private schools and non-academic tutoring centres apply to the education authority for a licence.",
  [("有符合规定的校舍、师资和资金", "Suitable premises, teachers and funds"), ("有规范的章程", "Proper articles")],
  ["charter", ("办学场所证明", "Proof of premises", 1, False), ("教师资格证明", "Teachers' qualifications", 1, False)],
  "《中华人民共和国民办教育促进法》第十二条",
  ["办学许可", "培训机构", "民办学校", "tutoring licence"])

# ============================================================== 司法 justice (SF)
I("SF-001", "法律援助申请", "Applying for legal aid", "other-power", "street",
  (3, 7), 1, "OH", 30,
  "经济困难的公民在追索劳动报酬、赡养费、工伤赔偿等事项需要法律帮助的,可向街道司法所或区法律援助中心申请法律援助,以个人诚信承诺说明经济困难状况。",
  "People on low incomes who need help with unpaid wages, maintenance, work-injury compensation and similar matters apply at the street justice office or district legal aid centre, stating their finances by self-declaration.",
  [("经济困难或属于免予审查经济状况的人群", "Low income, or in a group exempt from the means test"), ("属于法律援助事项范围", "Matter is covered by legal aid")],
  ["id", ("法律援助申请表", "Legal aid application form", 1, True), ("经济困难状况说明(个人诚信承诺)", "Statement of financial hardship (self-declaration)", 1, True), ("案件相关材料", "Case documents", 1, False)],
  "《中华人民共和国法律援助法》第三十八条、第四十一条、第四十三条",
  ["法律援助", "免费律师", "请律师", "打官司", "法援", "legal aid", "free lawyer"])

I("SF-002", "人民调解", "People's mediation", "public-service", "community",
  (10, 30), 1, "H", 40,
  "邻里、婚姻家庭、物业等民间纠纷,可申请社区人民调解委员会免费调解,达成的调解协议可申请司法确认。",
  "Neighbour, family and property-management disputes can be mediated free of charge by the community mediation committee; agreements can be confirmed by a court.",
  [("属于民间纠纷", "A civil dispute between residents"), ("当事人自愿调解", "Parties agree to mediation")],
  ["id", ("纠纷情况说明", "Description of the dispute", 1, False)],
  "《中华人民共和国人民调解法》第十七条",
  ["调解", "邻里纠纷", "吵架", "家庭矛盾", "物业纠纷", "mediation"])

I("SF-003", "民间纠纷处理", "Handling of civil disputes by the street justice office", "adjudication", "street",
  (15, 30), 2, "A", 40,
  "经人民调解未能解决的民间纠纷,当事人可申请街道司法所处理,司法所可作出处理决定。",
  "Civil disputes not settled by mediation can be taken to the street justice office, which may issue a decision.",
  [("属于民间纠纷", "A civil dispute"), ("当事人申请基层人民政府处理", "A party asks the local government to decide")],
  ["id", ("处理申请书", "Application", 1, True), ("证据材料", "Evidence", 1, False)],
  "《民间纠纷处理办法》第三条",
  ["纠纷处理", "司法所", "邻居纠纷", "dispute ruling"])

I("SF-004", "公证服务(继承、委托、亲属关系等)", "Notarisation (inheritance, power of attorney, kinship)", "public-service", "department",
  (10, 15), 1, "OA", 40,
  "公证处办理继承、遗嘱、委托、亲属关系、学历等公证,一般在15个工作日内出具公证书;部分事项可网上申办。",
  "The notary office handles inheritance, wills, powers of attorney, kinship and diploma notarisation, usually within 15 working days; some can be applied for online.",
  [("当事人对公证事项有利害关系", "The applicant has an interest in the matter")],
  ["id", "hukou", ("公证事项证明材料", "Documents for the matter", 1, True)],
  "《中华人民共和国公证法》第二十五条",
  ["公证", "继承公证", "遗嘱", "委托书公证", "亲属关系公证", "notary"],
  fee=(0, "按公证收费标准收取,经济困难可申请减免", "Charged at the notary tariff; waivers for people on low incomes"))

I("SF-005", "公共法律服务咨询", "Free legal advice", "public-service", "community",
  (0, 0), 0, "OH", 30,
  "社区公共法律服务工作室和\"12348\"热线提供免费法律咨询,社区法律顾问定期坐班。",
  "The community legal service room and the 12348 hotline give free legal advice; a community legal adviser holds regular sessions.",
  [("本区居民", "District resident")],
  ["id"],
  "《中华人民共和国法律援助法》第二十二条",
  ["法律咨询", "12348", "问律师", "社区律师", "legal advice"])

# ============================================================== 残联 disabled-persons (CL)
I("CL-001", "残疾人证新办", "New disability certificate", "public-service", "community",
  (15, 30), 2, "OAH", 30,
  "残疾人向户籍所在地社区提出申请,到指定医院进行残疾评定,经审核后发放第二代残疾人证;行动不便的可申请上门评残。",
  "Apply at the community of your hukou, have the disability assessed at a designated hospital, and receive the second-generation certificate after review; assessors can visit at home.",
  [("本区户籍", "Jining District hukou"), ("符合残疾标准", "Meets the disability criteria")],
  ["id", "hukou", ("近期两寸免冠白底彩照", "Recent 2-inch colour photos, white background", 3, True)],
  "《中华人民共和国残疾人保障法》第二条",
  ["残疾证", "残疾人证", "办残疾证", "评残", "disability certificate"])

I("CL-002", "残疾人证换领", "Renewing a disability certificate", "public-service", "community",
  (10, 20), 1, "OH", 20,
  "残疾人证有效期满或残疾等级变化的,应重新评定并换领新证。",
  "When the certificate expires or the disability grade changes, a new assessment is done and a new card issued.",
  [("残疾人证到期或需重新评定", "Certificate expired or re-assessment needed")],
  ["id", "disab", "photo"],
  "《中华人民共和国残疾人保障法》第二条",
  ["残疾证换证", "残疾证到期", "残疾证年审", "renew disability card"])

I("CL-003", "残疾人证挂失补办", "Replacing a lost disability certificate", "public-service", "street",
  (10, 20), 1, "O", 15,
  "残疾人证遗失的,持身份证申请挂失补办。",
  "If the certificate is lost, report it and apply for a replacement with your ID card.",
  [("残疾人证遗失或损坏", "Certificate lost or damaged")],
  ["id", "photo"],
  "《中华人民共和国残疾人保障法》第二条",
  ["残疾证丢了", "补残疾证", "disability card replacement"])

I("CL-004", "残疾人证迁移", "Transferring a disability certificate", "public-service", "street",
  (10, 20), 1, "O", 15,
  "残疾人户口迁移的,将残疾人证信息迁入新户籍地,无需重新评定。",
  "When a disabled person moves hukou, the certificate record is transferred to the new place without re-assessment.",
  [("已办理户口迁移", "Hukou already moved")],
  ["id", "disab", "hukou"],
  "《中华人民共和国残疾人保障法》第二条",
  ["残疾证迁移", "残疾证转入", "transfer disability card"])

I("CL-005", "残疾人证注销", "Cancelling a disability certificate", "public-service", "community",
  (5, 10), 1, "", 10,
  "持证残疾人死亡或不再符合残疾标准的,由家属或本人申请注销残疾人证,相关补贴同步停发。",
  "When a certificate holder dies or no longer meets the criteria, the family or holder cancels the certificate and related subsidies stop.",
  [("持证人死亡或残疾状况消失", "Holder died or no longer disabled")],
  ["disab", ("死亡证明或户口注销证明", "Death certificate or hukou cancellation", 1, False)],
  "《中华人民共和国残疾人保障法》第二条",
  ["注销残疾证", "残疾证注销", "cancel disability card"])

I("CL-006", "残疾人辅助器具适配补贴", "Assistive device subsidy for disabled people", "benefit", "street",
  (15, 30), 1, "AH", 30,
  "持证残疾人可申请轮椅、助听器、假肢等辅助器具适配,按规定给予补贴或免费适配。",
  "Certificate holders can get wheelchairs, hearing aids, prostheses and other aids fitted free or subsidised.",
  [("持有残疾人证", "Holds a disability certificate"), ("经评估需要适配辅助器具", "Assessed as needing an aid")],
  ["id", "disab"],
  "《中华人民共和国残疾人保障法》第五十四条",
  ["轮椅", "助听器", "假肢", "辅具", "assistive devices", "wheelchair"])

I("CL-007", "残疾人职业技能培训", "Vocational training for disabled people", "public-service", "department",
  (5, 10), 1, "O", 20,
  "就业年龄段有培训需求的持证残疾人,可报名参加免费职业技能培训和就业推荐。",
  "Working-age certificate holders can enrol in free vocational training and job referrals.",
  [("持有残疾人证", "Holds a disability certificate"), ("在就业年龄段", "Of working age")],
  ["id", "disab"],
  "《残疾人就业条例》第十八条",
  ["残疾人培训", "残疾人就业", "盲人按摩", "disability training"])

I("CL-008", "残疾儿童康复救助", "Rehabilitation assistance for disabled children", "benefit", "department",
  (15, 30), 1, "O", 20,
  "0至6岁视力、听力、言语、肢体、智力残疾儿童和孤独症儿童,可申请手术、辅具配置和康复训练救助。",
  "Children aged 0-6 with visual, hearing, speech, physical or intellectual disabilities or autism can get help with surgery, aids and rehabilitation training.",
  [("0至6周岁", "Aged 0 to 6"), ("经诊断为残疾或孤独症", "Diagnosed with a disability or autism")],
  ["hukou", "diagnosis", ("监护人身份证", "Guardian's ID card", 1, True)],
  "《残疾预防和残疾人康复条例》第二十三条",
  ["康复救助", "孤独症", "自闭症", "残疾儿童", "child rehabilitation"])

I("CL-009", "困难重度残疾人家庭无障碍改造", "Accessibility adaptations for homes of severely disabled people", "benefit", "street",
  (20, 30), 1, "AH", 30,
  "困难重度残疾人家庭可申请坡道、扶手、卫生间改造等家庭无障碍改造。",
  "Low-income households with a severely disabled member can get ramps, grab bars and bathroom adaptations.",
  [("持有一、二级残疾人证", "Grade 1 or 2 disability certificate"), ("家庭经济困难", "Low-income household")],
  ["id", "disab", "lease"],
  "《中华人民共和国无障碍环境建设法》第十七条",
  ["无障碍改造", "坡道", "扶手", "残疾人家庭改造", "accessibility"])

# ============================================================== 退役军人 veterans (TY)
I("TY-001", "退役士兵报到", "Reporting in after discharge from the army", "other-power", "department",
  (0, 0), 1, "A", 30,
  "退役士兵应在规定时间内持退役证件到安置地退役军人事务局报到,同步办理户口、档案接收和待遇确认。",
  "Discharged soldiers report to the veterans affairs bureau of their resettlement place within the set time; hukou, file and benefits are handled at the same time.",
  [("已退出现役", "Discharged from active service"), ("安置地为本区", "Resettled in the district")],
  ["veteran", ("退役士兵安置介绍信", "Resettlement letter", 1, True), "id"],
  "《退役士兵安置条例》第十五条",
  ["退役报到", "退伍报到", "复员", "退役士兵", "veteran report"])

I("TY-002", "退役军人优待证申领", "Veteran's preferential treatment card", "public-service", "community",
  (20, 30), 1, "OH", 15,
  "退役军人和其他优抚对象可通过社区退役军人服务站或网上申领优待证,凭证享受交通、文旅等优待。",
  "Veterans and other entitled persons apply through the community veterans' service station or online; the card gives discounts on transport, culture and tourism.",
  [("退役军人或其他优抚对象", "Veteran or other entitled person"), ("已完成信息采集", "Details recorded")],
  ["id", "veteran", "photo"],
  "《中华人民共和国退役军人保障法》第六十三条",
  ["优待证", "退役军人证", "军人优待", "veteran card"])

I("TY-003", "悬挂光荣牌", "Hanging an honour plaque on veterans' homes", "public-service", "community",
  (5, 10), 0, "H", 15,
  "为退役军人、现役军人家庭、烈士遗属等家庭免费悬挂光荣牌,由社区退役军人服务站上门办理。",
  "The community veterans' station comes to hang an honour plaque, free of charge, at the homes of veterans, serving soldiers and martyrs' families.",
  [("退役军人、军属或烈属家庭", "Veteran, military or martyr's family")],
  ["id"],
  "《中华人民共和国退役军人保障法》第五十九条",
  ["光荣牌", "军属牌", "honour plaque"])

I("TY-004", "自主就业退役士兵一次性经济补助金", "One-off grant for self-employed discharged soldiers", "benefit", "department",
  (15, 30), 1, "", 20,
  "选择自主就业的退役士兵,由安置地发放一次性经济补助金。",
  "Soldiers who choose to find their own work receive a one-off grant from their resettlement place.",
  [("自主就业的退役士兵", "Discharged soldier choosing own employment"), ("已到安置地报到", "Reported in locally")],
  ["veteran", "id", "bank"],
  "《退役士兵安置条例》第十九条",
  ["退役补助", "一次性补助", "退伍费", "veteran grant"])

I("TY-005", "优抚对象定期抚恤补助申领", "Regular benefits for entitled groups (youfu)", "benefit", "street",
  (20, 30), 1, "H", 20,
  "残疾军人、烈士遗属、在乡老复员军人、带病回乡退伍军人等优抚对象,经审核后按月发放定期抚恤补助金。",
  "Disabled veterans, martyrs' families, old demobilised soldiers and veterans discharged with illness receive monthly benefits after review.",
  [("属于规定的优抚对象", "In an entitled group")],
  ["id", "hukou", ("优抚对象身份证明", "Proof of entitlement", 1, True), "bank"],
  "《军人抚恤优待条例》第三十二条",
  ["优抚金", "抚恤金", "定补", "优抚", "veteran benefits"])

I("TY-006", "义务兵家庭优待金申领", "Allowance for families of conscripts", "benefit", "street",
  (20, 30), 1, "", 15,
  "从本区入伍的义务兵服役期间,其家庭按年度领取义务兵家庭优待金。",
  "Families of conscripts who enlisted from the district receive a yearly allowance during service.",
  [("由本区批准入伍的义务兵", "Conscript enlisted from the district")],
  ["hukou", ("入伍通知书", "Enlistment notice", 1, True), "bank"],
  "《军人抚恤优待条例》第四十条",
  ["优待金", "义务兵优待", "当兵补助", "conscript family"])

I("TY-007", "退役军人就业创业服务", "Job and business support for veterans", "public-service", "department",
  (5, 10), 1, "O", 30,
  "为退役军人提供适应性培训、职业技能培训、岗位推荐和创业指导,并协助申请创业担保贷款。",
  "Adjustment training, vocational training, job matching and business advice for veterans, including help with the start-up loan.",
  [("退役军人", "Veteran")],
  ["veteran", "id"],
  "《中华人民共和国退役军人保障法》第三十五条",
  ["退役军人就业", "退役军人培训", "退伍找工作", "veteran jobs"])

I("TY-008", "军人(退役军人)死亡一次性抚恤", "One-off death benefit for servicemen and veterans", "benefit", "department",
  (20, 30), 1, "", 20,
  "享受定期抚恤补助的优抚对象死亡的,其遗属可申领丧葬补助费等一次性待遇。",
  "When a recipient of regular youfu benefits dies, the survivors can claim a funeral grant and other one-off payments.",
  [("逝者为享受抚恤补助的优抚对象", "Deceased received regular benefits")],
  ["death", "hukou_cancel", ("遗属身份证及亲属关系证明材料", "Survivors' ID and proof of kinship", 1, True), "bank"],
  "《军人抚恤优待条例》第十三条",
  ["军人丧葬费", "优抚对象去世", "death benefit veterans"])

I("TY-009", "退役军人信息采集和建档", "Veteran information registration", "public-service", "community",
  (0, 0), 1, "H", 20,
  "社区退役军人服务站为辖区退役军人采集信息、建立档案,实现\"建档立卡\",作为享受各项服务的基础。",
  "The community veterans' station records each veteran's details and opens a file, the basis for all veterans' services.",
  [("居住在本社区的退役军人", "Veteran living in the community")],
  ["id", "veteran"],
  "《中华人民共和国退役军人保障法》第十六条",
  ["退役军人建档", "信息采集", "退役军人服务站", "veteran registration"])

# ============================================================== 生态环境 ecology (HB)
I("HB-001", "建设项目环境影响报告表审批", "Approval of environmental impact reports (report forms)", "licence", "department",
  (15, 30), 1, "O", 30,
  "编制环境影响报告表的建设项目,开工前报生态环境部门审批,30日内作出审批决定。",
  "Projects requiring an environmental impact report form submit it before construction; a decision is made within 30 days.",
  [("依法应编制环境影响报告表", "Project requires an EIA report form")],
  [("环境影响报告表", "EIA report form", 1, True), "enterprise_form"],
  "《中华人民共和国环境影响评价法》第二十二条",
  ["环评", "环评审批", "环境影响评价", "EIA"])

I("HB-002", "排污许可证核发", "Pollutant discharge permit", "licence", "department",
  (15, 20), 1, "O", 30,
  "实行排污许可重点管理和简化管理的排污单位,应在排放污染物前申领排污许可证。",
  "Dischargers under key or simplified management obtain a discharge permit before emitting.",
  [("属于排污许可管理名录范围", "Listed in the discharge permit catalogue")],
  [("排污许可证申请表", "Application form", 1, True), ("自行监测方案", "Self-monitoring plan", 1, False)],
  "《排污许可管理条例》第十三条",
  ["排污许可", "排污证", "discharge permit"])

I("HB-003", "生态环境违法行为举报奖励", "Reward for reporting environmental violations", "reward", "department",
  (20, 60), 1, "O", 20,
  "举报偷排偷放、非法倾倒危险废物等生态环境违法行为,经查证属实的给予实名举报人奖励。",
  "Named whistle-blowers whose reports of illegal discharges or dumping prove true are rewarded.",
  [("实名举报", "Report made under real name"), ("举报线索经查证属实", "Report proven")],
  ["id", "bank"],
  "《中华人民共和国环境保护法》第十一条",
  ["环保举报", "偷排", "举报奖励", "environmental reward"])

I("HB-004", "建设项目环境影响登记表备案", "Filing of an environmental impact registration form", "other-power", "department",
  (0, 0), 0, "O", 10,
  "对环境影响很小的项目(如小型餐饮、门店),网上填报环境影响登记表即完成备案。",
  "Projects with very small environmental impact (small restaurants, shops) file the registration form online and are done.",
  [("属于填报环境影响登记表的项目", "Project requires only the registration form")],
  [("环境影响登记表(网上填报)", "Registration form (online)", 1, True)],
  "《中华人民共和国环境影响评价法》第二十二条",
  ["环评备案", "登记表", "EIA filing"])

# ============================================================== 消防 fire-rescue (XF)
I("XF-001", "公众聚集场所投入使用、营业前消防安全检查", "Fire safety check before a public venue opens", "licence", "department",
  (1, 10), 1, "O", 30,
  "宾馆、商场、餐饮、娱乐等公众聚集场所投入使用、营业前申请消防安全检查;选择告知承诺的当场作出许可,未选择的10个工作日内检查。",
  "Hotels, shops, restaurants and entertainment venues apply for a fire check before opening; with the undertaking option the permit is issued on the spot, otherwise inspected within 10 working days.",
  [("场所符合消防技术标准", "Venue meets fire standards"), ("建设工程已通过消防验收或备案", "Building passed fire acceptance or was filed")],
  ["licence", ("消防安全检查申报表", "Application form", 1, True), "pledge"],
  "《中华人民共和国消防法》第十五条",
  ["消防检查", "消防许可", "消防验收", "开业消防", "fire safety check"])

I("XF-002", "消防安全违法行为举报奖励", "Reward for reporting fire hazards", "reward", "department",
  (15, 30), 0, "O", 10,
  "举报堵塞消防通道、违规住人等火灾隐患经查证属实的,给予举报人奖励。",
  "Reports of blocked fire exits, illegal living spaces and other fire hazards that prove true earn a reward.",
  [("举报内容经查证属实", "Report proven")],
  ["id"],
  "《中华人民共和国消防法》第七条",
  ["消防举报", "堵消防通道", "火灾隐患", "fire hazard report"])

I("XF-003", "消防安全宣传进社区预约", "Booking a fire safety session for a community", "public-service", "community",
  (5, 10), 0, "O", 60,
  "社区、小区物业、学校可预约消防救援站开展消防演练、灭火器使用培训等宣传活动。",
  "Communities, property managers and schools book the fire station for drills and extinguisher training.",
  [("组织单位为本区社区、物业或学校", "Organiser is a community, property manager or school in the district")],
  [("活动预约登记", "Booking details", 1, True)],
  "《中华人民共和国消防法》第六条",
  ["消防演练", "消防培训", "灭火器", "fire drill"])

# ============================================================== 园林 landscaping (YL)
I("YL-001", "城市树木砍伐、迁移许可", "Permit to fell or move city trees", "licence", "department",
  (10, 20), 1, "O", 20,
  "因建设、树木危及安全等原因需砍伐、迁移城市树木的,须经园林绿化部门批准并按规定补植。",
  "Felling or moving city trees (for construction or safety) needs approval from the landscaping bureau and replanting.",
  [("有砍伐或迁移的正当理由", "Good reason to fell or move"), ("有补植方案", "Replanting plan")],
  ["enterprise_form", ("树木现状照片及位置图", "Photos and location of the trees", 1, False)],
  "《城市绿化条例》第二十条",
  ["砍树", "移树", "树木砍伐", "挡光的树", "tree felling"])

I("YL-002", "临时占用城市绿地许可", "Permit for temporary use of urban green space", "licence", "department",
  (10, 20), 1, "O", 20,
  "因施工等需临时占用城市绿地的,须经园林绿化部门同意,期满后恢复原状。",
  "Temporary use of green space (for works) needs approval and the land must be restored afterwards.",
  [("确需临时占用且期限不超过一年", "Genuine need, no longer than one year")],
  ["enterprise_form", "site_plan"],
  "《城市绿化条例》第十九条",
  ["占用绿地", "绿地占用", "green space"])

I("YL-003", "林木林地权属争议处理", "Ruling on disputes over ownership of trees and woodland", "adjudication", "department",
  (60, 90), 2, "A", 40,
  "单位之间、个人之间或个人与单位之间发生的林木、林地所有权和使用权争议,由区人民政府依法处理,园林绿化(林业)部门承办。",
  "Disputes over who owns or may use trees or woodland are decided by the district government; the landscaping (forestry) bureau prepares the case.",
  [("争议涉及本区范围内的林木林地", "Trees or woodland in the district")],
  [("争议处理申请书", "Application", 1, True), ("权属证明及证据材料", "Proof of rights and evidence", 1, False)],
  "《中华人民共和国森林法》第二十二条",
  ["林地纠纷", "树木归属", "林权争议", "woodland dispute"])

I("YL-004", "绿地认建认养", "Adopting a green space", "public-service", "street",
  (10, 20), 1, "", 20,
  "单位和个人可认建认养街头绿地、树木,承担养护费用并可设置认养标识。",
  "Organisations and individuals can adopt street greens or trees, paying for upkeep and putting up a sign.",
  [("愿意承担养护责任", "Willing to pay for upkeep")],
  [("认养申请", "Adoption request", 1, True)],
  "《城市绿化条例》第六条",
  ["认养树", "绿地认养", "adopt a tree"])

# ============================================================== 公用事业 utilities (SW/RL/GD/RQ)
I("SW-001", "居民用水报装", "New residential water connection", "public-service", "department",
  (5, 10), 1, "O", 20,
  "新建住宅或自建房需接入城市供水管网的,向水务集团申请报装,勘查设计后施工通水。",
  "New homes apply to the water utility for a connection; after survey and design the works are done and water turned on.",
  [("在城市供水管网覆盖范围内", "Within the water network area")],
  ["id", "property"],
  "《城市供水条例》第二十二条",
  ["装水表", "通水", "接自来水", "water connection"])

I("SW-002", "用水户名过户", "Transferring a water account", "public-service", "community",
  (1, 3), 1, "O", 15,
  "房屋买卖、继承后变更用水户名的,可在社区收费服务网点或网上办理过户。",
  "After buying or inheriting a home, change the water account name at the community payment point or online.",
  [("已取得房屋所有权或使用权", "Owns or lawfully occupies the home"), ("原户名下水费已结清", "Previous bills settled")],
  ["id", "property", "utility_bill"],
  "《城市供水条例》第二十八条",
  ["水表过户", "水费过户", "改户名", "自来水过户", "water account"])

I("SW-003", "污水处理费征收", "Sewage treatment fee", "levy", "department",
  (0, 0), 0, "O", 10,
  "使用城市供水的单位和个人随水费缴纳污水处理费,自备水源用户按核定水量缴纳。",
  "Water users pay the sewage fee with their water bill; users with their own wells pay on the assessed volume.",
  [("向城镇排水设施排放污水", "Discharges into the public sewers")],
  ["utility_bill"],
  "《城镇排水与污水处理条例》第三十二条",
  ["污水费", "排污费", "水费", "sewage fee"],
  fee=(0, "随水费按吨计收,以当地核定标准为准", "Charged per tonne with the water bill at the approved rate"))

I("RL-001", "供热用户过户", "Transferring a heating account", "public-service", "street",
  (1, 3), 1, "O", 15,
  "房屋产权变更后,新业主持不动产权证书到街道热力服务网点或网上办理供热户名变更。",
  "After a change of ownership the new owner changes the heating account at the street heating service point or online.",
  [("已取得房屋所有权", "Owns the home"), ("原户名下供热费已结清", "Previous heating bills settled")],
  ["id", "property", "utility_bill"],
  "《内蒙古自治区城镇供热条例》第二十六条",
  ["暖气过户", "供热过户", "取暖费过户", "heating account"])

I("RL-002", "供热报停和恢复供热申请", "Suspending or restoring district heating", "public-service", "street",
  (5, 10), 1, "O", 15,
  "符合条件的长期无人居住房屋,可在采暖期开始前申请报停供热(按规定缴纳基础热费),恢复时申请复供。",
  "Owners of homes left empty for a long time can ask, before the season starts, to suspend heating (paying the standing charge), and later to restore it.",
  [("在采暖期开始前申请", "Applied before the heating season"), ("具备单独关断条件", "The flat can be shut off separately")],
  ["id", "property"],
  "《内蒙古自治区城镇供热条例》第三十条",
  ["暖气报停", "停暖", "不要暖气", "复供", "heating suspension"],
  fee=(0, "报停期间按规定缴纳基础热费", "A standing charge applies while suspended"))

I("RL-003", "新建住宅供热入网开栓", "Connecting a new home to district heating", "public-service", "department",
  (5, 10), 1, "O", 20,
  "新入住住宅需开通供热的,缴纳热费后由热力公司上门开栓,采暖期内随时办理。",
  "New occupants pay the heating fee and the utility comes to open the valve, at any time during the season.",
  [("住宅已接入城市集中供热管网", "Home connected to the network"), ("已缴纳当期供热费", "Current fee paid")],
  ["id", "property"],
  "《内蒙古自治区城镇供热条例》第二十二条",
  ["开栓", "开暖气", "供暖开通", "交暖气费", "heating connection"])

I("GD-001", "居民用电过户", "Transferring an electricity account", "public-service", "department",
  (0, 1), 0, "O", 15,
  "房屋产权变更的,可通过\"网上国网\"或供电营业厅办理用电户名变更。",
  "After a change of ownership, change the electricity account via the State Grid app or at the service hall.",
  [("已取得房屋所有权", "Owns the home"), ("原户电费已结清", "Previous bills settled")],
  ["id", "property"],
  "《电力供应与使用条例》第二十四条",
  ["电表过户", "电费过户", "改电户名", "electricity account"])

I("GD-002", "居民新装、增容用电", "New or upgraded residential electricity supply", "public-service", "department",
  (3, 5), 0, "O", 20,
  "居民新装用电或增加用电容量,可网上申请,供电公司上门勘查装表。",
  "Apply online for a new or larger supply; the power company surveys and fits the meter.",
  [("有合法房屋产权或使用证明", "Lawful ownership or occupancy")],
  ["id", "property"],
  "《电力供应与使用条例》第十九条",
  ["装电表", "新装电", "增容", "electricity connection"])

I("GD-003", "居民充电桩报装", "Home electric vehicle charger connection", "public-service", "department",
  (5, 10), 1, "O", 20,
  "拥有固定车位的居民安装电动汽车充电桩,经物业同意后向供电公司申请报装。",
  "Residents with their own parking space apply to the power company, with the property manager's consent, to connect an EV charger.",
  [("有产权或长期租赁的固定车位", "Owned or long-leased parking space"), ("物业或业委会同意", "Property manager or owners' committee consents")],
  ["id", ("车位产权或租赁证明", "Proof of parking space", 1, False), ("物业同意书", "Property manager's consent", 1, True)],
  "《电力供应与使用条例》第十九条",
  ["充电桩", "装充电桩", "电动车充电", "EV charger"])

I("RQ-001", "燃气开户与通气点火", "Opening a gas account and connecting supply", "public-service", "department",
  (2, 5), 0, "OH", 30,
  "新入住用户申请燃气开户,燃气公司上门安全检查后通气点火。",
  "New occupants open an account; the gas company inspects and turns on the supply at home.",
  [("住宅已通管道燃气", "Home has piped gas"), ("燃气器具符合安全要求", "Appliances meet safety rules")],
  ["id", "property"],
  "《城镇燃气管理条例》第二十八条",
  ["开通燃气", "通气", "点火", "开天然气", "gas connection"])

I("RQ-002", "燃气用户过户", "Transferring a gas account", "public-service", "department",
  (1, 3), 1, "O", 15,
  "房屋产权变更后,新业主办理燃气户名变更,可网上或营业厅办理。",
  "After a change of ownership, the new owner changes the gas account online or at the service hall.",
  [("已取得房屋所有权", "Owns the home"), ("原户燃气费已结清", "Previous bills settled")],
  ["id", "property", "utility_bill"],
  "《城镇燃气管理条例》第二十八条",
  ["燃气过户", "天然气过户", "气表过户", "gas account"])

I("RQ-003", "燃气入户安全检查预约", "Booking a home gas safety inspection", "public-service", "department",
  (3, 5), 0, "OH", 30,
  "燃气公司定期入户安检,居民也可预约上门检查燃气管线、胶管和报警器。",
  "The gas company inspects homes regularly; residents can also book a visit to check pipes, hoses and alarms.",
  [("管道燃气用户", "Piped gas customer")],
  [("预约登记(户号、地址)", "Booking (account number, address)", 1, True)],
  "《城镇燃气管理条例》第十七条",
  ["燃气安检", "查燃气", "燃气泄漏", "gas inspection"])

# ============================================================== 街道 street-office (JD)
I("JD-001", "业主大会成立及业主委员会备案", "Filing of an owners' assembly and owners' committee", "other-power", "street",
  (5, 10), 1, "A", 30,
  "业主委员会应自选举产生之日起30日内,向街道办事处和住建部门备案。",
  "An owners' committee files with the street office and housing bureau within 30 days of being elected.",
  [("已依法召开业主大会并选举业主委员会", "Owners' assembly held and committee elected")],
  [("业主大会成立和业主委员会选举情况", "Minutes of the assembly and election", 1, True), ("管理规约和业主大会议事规则", "Owners' rules and procedures", 1, True), ("业委会委员名单", "List of committee members", 1, True)],
  "《物业管理条例》第十六条",
  ["业委会", "业主委员会", "业主大会", "owners committee"])

I("JD-002", "无物业老旧小区物业托管申请", "Property management for older compounds without a manager", "public-service", "street",
  (10, 20), 1, "", 30,
  "无物业服务的老旧小区,经业主协商可申请由街道引入国有物业企业或社区托管,提供基础物业服务。",
  "Older compounds without property management can, after owners agree, ask the street to bring in a state-owned manager or community-run service.",
  [("小区无物业服务企业", "Compound has no property manager"), ("过半数业主同意", "Over half the owners agree")],
  [("托管申请及业主意见汇总", "Request and owners' views", 1, True)],
  "《物业管理条例》第二十条",
  ["无物业", "物业托管", "老旧小区", "没人管", "property management"])

I("JD-003", "应征公民兵役登记", "Military service registration", "other-power", "street",
  (0, 0), 0, "O", 15,
  "每年12月31日以前年满18周岁的男性公民,应在当年6月30日前进行兵役登记,可通过全国征兵网登记,由街道武装部审核。",
  "Men who turn 18 by 31 December register for military service by 30 June, online on the national recruitment site; the street's armed forces office reviews.",
  [("当年年满18周岁的男性公民", "Male, turning 18 this year")],
  ["id", "hukou"],
  "《中华人民共和国兵役法》第十五条",
  ["兵役登记", "征兵", "当兵", "参军", "military registration"])

I("JD-004", "帮办代办服务申请", "Requesting assisted or proxy handling", "public-service", "street",
  (0, 0), 0, "OH", 20,
  "老年人、残疾人、重病患者等办事不便的群众,可申请由街道、社区帮办代办员代为办理各类事项,实行免费代办。",
  "Older, disabled or seriously ill residents can ask street or community staff to handle their affairs for them, free of charge.",
  [("本人办事确有困难", "Genuinely unable to do it in person")],
  ["id", "agent"],
  "《中华人民共和国老年人权益保障法》第四十七条",
  ["代办", "帮办", "跑腿", "上门办", "proxy service", "help with paperwork"])

# ============================================================== 社区 community (SQ)
# The certificates a community may still issue (see CERTIFICATES below), plus community services.
I("SQ-001", "居住证明出具", "Certificate of residence", "public-service", "community",
  (1, 3), 1, "H", 15,
  "无房屋租赁合同、产权证明或单位住宿证明的居民申领居住证、办理随迁子女入学时,社区经网格员核实实际居住情况后出具居住证明。",
  "For residents who have no tenancy, title deed or employer housing letter and need a residence permit or a school place for their child, the community issues a certificate after the grid worker confirms they live there.",
  [("在本社区实际居住", "Actually lives in the community"), ("无法提供租赁合同、产权证明等其他居住材料", "Cannot provide a tenancy, title deed or other proof")],
  ["id", ("居住情况说明", "Statement of residence", 1, True)],
  "《居住证暂行条例》第九条",
  ["居住证明", "住址证明", "开居住证明", "在社区住的证明", "proof of address", "residence certificate"])

I("SQ-002", "家庭困难情况入户调查意见出具", "Household hardship investigation opinion", "public-service", "community",
  (5, 10), 0, "H", 20,
  "在低保、临时救助、医疗救助等审核中,社区配合街道入户调查、组织民主评议,出具家庭困难情况调查意见,不对外单独出具\"贫困证明\"。",
  "During dibao, temporary or medical assistance reviews the community joins the home visit, organises the public assessment and gives its opinion; it issues no stand-alone 'poverty certificate'.",
  [("已提出社会救助申请", "A social assistance application has been made")],
  ["id", "hukou"],
  "《社会救助暂行办法》第十一条",
  ["困难证明", "贫困证明", "家庭困难", "入户调查", "hardship certificate"])

I("SQ-003", "居民死亡情况证明(家中死亡)", "Statement of circumstances of a death at home", "public-service", "community",
  (1, 3), 1, "H", 20,
  "居民在家中正常死亡且无医疗记录的,社区根据家属申报和网格员核实出具死亡情况说明,供社区卫生服务中心签发死亡医学证明(推断)书。",
  "When a resident dies naturally at home without medical records, the community writes a statement of circumstances, based on the family's report and the grid worker's check, so the health centre can issue the death certificate.",
  [("在家中正常死亡", "Natural death at home"), ("无医疗机构诊疗记录", "No medical records")],
  [("逝者身份证或户口簿", "ID or hukou booklet of the deceased", 1, True), ("申报人身份证", "Informant's ID card", 1, True)],
  "《人口死亡医学证明和信息登记管理暂行办法》第四条",
  ["死亡证明", "在家去世", "老人去世", "开死亡证明", "death at home"])

I("SQ-004", "独生子女情况证明", "Only-child family certificate", "public-service", "community",
  (1, 3), 1, "", 15,
  "申领计划生育奖励扶助、退休时独生子女父母奖励等,档案或系统无记录的,社区核实后出具独生子女情况证明。",
  "For family planning rewards or the only-child parents' bonus at retirement, when no record exists, the community checks and issues a certificate.",
  [("本社区居民", "Resident of the community"), ("档案和信息系统中无法查证", "No record in files or systems")],
  ["id", "hukou"],
  "《中华人民共和国人口与计划生育法》第三十一条",
  ["独生子女证明", "独生子女证", "只有一个孩子", "only child certificate"])

I("SQ-005", "指定监护人", "Appointment of a guardian", "public-service", "community",
  (10, 30), 2, "H", 40,
  "对担任监护人有争议的,由被监护人住所地居民委员会征求各方意见后,按照最有利于被监护人的原则指定监护人。",
  "Where guardianship is disputed, the residents' committee where the ward lives hears all sides and appoints the guardian in the ward's best interest.",
  [("对担任监护人存在争议", "Dispute over who should be guardian"), ("被监护人住所地在本社区", "The ward lives in the community")],
  ["hukou", ("被监护人身份证明及监护能力相关材料", "Ward's ID and evidence about the candidates", 1, True)],
  "《中华人民共和国民法典》第三十一条",
  ["监护人", "指定监护", "监护证明", "guardian"])

I("SQ-006", "无户口人员情况证明", "Statement for persons without household registration", "public-service", "community",
  (3, 5), 1, "H", 20,
  "配合公安机关解决无户口人员登记户口问题,社区对其实际居住和身份情况进行核实并出具情况说明。",
  "To help the police register people with no hukou, the community verifies where they live and who they are and issues a statement.",
  [("在本社区居住的无户口人员", "Person without hukou living in the community")],
  [("本人或监护人申请", "Request from the person or guardian", 1, True)],
  "《国务院办公厅关于解决无户口人员登记户口问题的意见》第二条",
  ["黑户", "没户口", "无户口", "上不了户", "no hukou"])

I("SQ-007", "社区集体户口落户接收", "Settling in the community collective household", "public-service", "community",
  (1, 3), 1, "", 15,
  "在本区就业或居住但无自有住房的人员,可申请将户口落入社区集体户(社区公共户),社区出具接收意见后到派出所办理。",
  "People who work or live in the district without their own home can register in the community collective household; the community agrees and the police station completes it.",
  [("在本区稳定就业或居住", "Stable work or residence in the district"), ("无自有住房", "No home of their own")],
  ["id", "hukou", ("就业或居住证明", "Proof of work or residence", 1, False)],
  "《中华人民共和国户口登记条例》第十三条",
  ["集体户", "社区公共户", "挂靠户口", "落集体户", "collective hukou"])

I("SQ-008", "应征公民政治考核情况意见", "Community opinion for a conscript's political review", "public-service", "community",
  (5, 10), 0, "H", 20,
  "征兵政治考核中,社区配合街道武装部和公安机关走访了解应征公民现实表现,出具考核意见。",
  "In the political review of conscripts the community helps the armed forces office and police by visiting and giving its opinion on the candidate.",
  [("已报名应征并进入政治考核", "Registered and under political review")],
  ["id", "hukou"],
  "《征兵政治考核工作规定》第十二条",
  ["政审", "征兵政审", "当兵政审", "military review"])

I("SQ-009", "社区志愿者注册与党员双报到", "Volunteer registration and party members' community check-in", "public-service", "community",
  (0, 0), 0, "O", 10,
  "居民可在社区注册志愿者参加服务;在职党员向居住地社区报到,认领服务岗位。",
  "Residents register as volunteers with the community; working party members check in with the community where they live and pick a volunteer role.",
  [("本社区居民或在职党员", "Community resident or working party member")],
  ["id"],
  "《志愿服务条例》第七条",
  ["志愿者", "志愿服务", "双报到", "党员报到", "volunteer"])

I("SQ-010", "社区活动室预约使用", "Booking a community activity room", "public-service", "community",
  (0, 1), 0, "O", 10,
  "居民和社区社会组织可预约使用社区党群服务中心活动室开展文体、议事活动,免费使用。",
  "Residents and community groups can book rooms at the community centre for cultural or civic activities, free of charge.",
  [("活动内容健康、不以营利为目的", "Wholesome, non-commercial activity")],
  [("预约登记", "Booking details", 1, True)],
  "《中华人民共和国城市居民委员会组织法》第三条",
  ["活动室", "借场地", "议事厅", "community room"])

# ============================================================== life events (一件事一次办)
# code, name_zh, name_en, summary_zh, summary_en, item codes in the order a resident does them
LIFE_EVENTS = [
    ("birth", "出生一件事", "Having a baby",
     "从孕期建册、生育登记到出生医学证明、新生儿落户、参保、办社保卡和育儿补贴,一次申请、部门联办。",
     "From pregnancy registration to birth certificate, hukou, health insurance, social security card and childcare subsidy: one application, handled jointly.",
     ["WJ-002", "WJ-015", "WJ-001", "GA-001", "WJ-004", "YB-002", "RS-021", "YB-007", "WJ-003"]),
    ("school-start", "入学一件事", "Starting school",
     "适龄儿童上小学、升初中,随迁子女先办居住证和入学资格审核,困难家庭同步申请资助。",
     "Children starting primary or middle school; children of migrants first need a residence permit and an eligibility check; low-income families apply for aid at the same time.",
     ["SQ-001", "GA-009", "JY-003", "JY-001", "JY-002", "JY-005"]),
    ("marriage", "婚育一件事", "Getting married",
     "婚前检查、结婚登记,随后办理投靠落户和生育登记。",
     "Premarital check and marriage registration, then moving hukou to join the spouse and registering for maternity care.",
     ["WJ-014", "MZ-012", "GA-002", "WJ-002"]),
    ("moving-in", "新居民一件事", "Moving into the district",
     "迁入户口或办理居住登记、居住证,转移社保医保,办理水电气暖过户、停车证、养犬登记,签约家庭医生。",
     "Move your hukou or register as a resident, transfer insurance, switch water, power, gas and heating accounts, get a parking permit, register your dog and sign up with a family doctor.",
     ["GA-002", "SQ-007", "GA-010", "SQ-001", "GA-009", "YB-001", "YB-008", "RS-013", "SW-002", "GD-001",
      "RQ-002", "RQ-001", "RL-001", "RL-003", "ZJ-002", "CG-009", "CG-008", "JJ-003", "GA-013", "WJ-005", "JY-004", "CL-004"]),
    ("retirement", "退休一件事", "Retiring",
     "退休申请、养老金领取、公积金提取一次办,同步办理老年人优待证和乘车卡,每年刷脸完成资格认证。",
     "Retirement, pension claim and provident fund withdrawal in one go, with the senior card and bus pass; confirm eligibility yearly by face check.",
     ["SQ-004", "RS-011", "RS-010", "ZJ-003", "RS-024", "MZ-022", "JT-001", "WJ-007"]),
    ("death", "身后一件事", "After a death",
     "死亡证明、户口注销、殡葬费用减免,以及丧葬补助金、个人账户继承、公积金提取、残疾人证注销等一次办理。",
     "Death certificate, hukou cancellation, funeral fee waiver, then funeral grant, pension account inheritance, provident fund withdrawal and cancelling the disability card, in one go.",
     ["SQ-003", "WJ-013", "GA-004", "MZ-015", "RS-014", "RS-015", "ZJ-004", "TY-008", "CL-005", "SF-004"]),
    ("business-start", "开店开公司一件事", "Starting a business",
     "营业执照、食品经营许可、公共场所卫生许可、消防检查、门头牌匾备案、招工就业登记和公积金开户,以及创业贷款和补贴。",
     "Business licence, food and hygiene licences, fire check, shop sign, hiring registration and provident fund account, plus start-up loans and grants.",
     ["SJ-001", "SJ-004", "SJ-006", "SJ-008", "WJ-009", "XF-001", "HB-004", "CG-004", "CG-003", "RS-001",
      "ZJ-006", "RS-006", "RS-007", "JT-003"]),
    ("unemployment", "失业一件事", "Losing a job",
     "失业登记、申领失业金,认定就业困难人员,参加培训,灵活就业参保和补贴,创业贷款。",
     "Register as unemployed, claim unemployment benefit, get recognised as hard to employ, train, insure yourself as a flexible worker and claim the subsidy, or borrow to start a business.",
     ["RS-002", "RS-004", "RS-003", "RS-008", "RS-012", "RS-005", "RS-006"]),
    ("disability", "残疾人服务一件事", "Living with a disability",
     "办理残疾人证后,同步申请两项补贴、辅助器具、无障碍改造、康复救助和职业培训。",
     "After getting the disability certificate, apply for the two subsidies, assistive devices, home adaptations, rehabilitation and training.",
     ["CL-001", "MZ-011", "CL-006", "CL-009", "CL-008", "CL-007", "CL-002"]),
    ("hardship", "困难救助一件事", "Getting help in hardship",
     "社区入户调查后,一次申请低保、特困、临时救助,并联办医疗救助、取暖补贴、住房保障、教育资助和法律援助。",
     "After the community's home visit, apply once for dibao, tekun or temporary assistance, with medical assistance, heating subsidy, housing, school aid and legal aid handled alongside.",
     ["SQ-002", "MZ-001", "MZ-005", "MZ-006", "YB-006", "MZ-020", "ZJ-009", "ZJ-010", "JY-005", "SF-001"]),
    ("elderly-care", "养老服务一件事", "Care in old age",
     "高龄津贴、老年优待证、居家养老和助餐、养老服务补贴、适老化改造、家庭医生和免费体检。",
     "Old-age allowance, senior card, home care and meals, care subsidy, home adaptation, family doctor and free health check.",
     ["MZ-007", "MZ-022", "MZ-009", "MZ-010", "MZ-008", "MZ-021", "WJ-005", "WJ-006", "JT-001", "JD-004"]),
    ("veteran-return", "退役军人安置一件事", "Returning from military service",
     "退役报到、户口落户、信息建档、优待证和光荣牌、一次性经济补助,以及就业创业扶持。",
     "Report in, register hukou, open your veteran's file, get the card and plaque, receive the one-off grant, and get job and business support.",
     ["TY-001", "GA-002", "TY-009", "TY-002", "TY-003", "TY-004", "TY-007", "RS-006"]),
]

# ============================================================== certificates (证明事项清单)
# code, name_zh, name_en, item, notes_zh, notes_en, keywords
MAY_ISSUE = [
    ("cert-residence", "居住证明", "Certificate of residence", "SQ-001",
     "仅在居民无租赁合同、产权证明等材料,申领居住证或子女入学时,经网格员核实实际居住后出具。",
     "Only when a resident has no tenancy or title deed and needs a residence permit or school place, after the grid worker confirms they live here.",
     ["居住证明", "住址证明", "proof of address"]),
    ("cert-hardship", "家庭困难情况调查意见", "Household hardship investigation opinion", "SQ-002",
     "仅作为低保、特困、临时救助、医疗救助审核中的入户调查和民主评议意见,不单独出具\"贫困证明\"。",
     "Only as the home-visit and assessment opinion within a social assistance review; no stand-alone poverty certificate.",
     ["困难证明", "低保证明", "贫困证明", "hardship"]),
    ("cert-home-death", "居民死亡情况证明(家中死亡)", "Statement of a death at home", "SQ-003",
     "仅限在家中正常死亡且无医疗记录的情形,供社区卫生服务中心签发死亡医学证明(推断)书;医院内死亡由医院出具,非正常死亡由公安机关处理。",
     "Only for natural deaths at home without medical records, for the health centre to certify; hospital deaths are certified by the hospital, unnatural deaths handled by the police.",
     ["死亡证明", "去世证明", "death certificate"]),
    ("cert-only-child", "独生子女情况证明", "Only-child family certificate", "SQ-004",
     "用于计划生育奖励扶助、退休独生子女父母奖励,在档案和信息系统无法查证时出具。",
     "For family planning rewards and the only-child parents' bonus, when no record can be found.",
     ["独生子女证明", "only child"]),
    ("cert-guardian", "指定监护人意见", "Appointment of a guardian", "SQ-005",
     "依据民法典第三十一条,对担任监护人有争议时由居委会指定监护人。",
     "Under Civil Code art. 31 the residents' committee appoints a guardian when guardianship is disputed.",
     ["监护人", "监护证明", "guardian"]),
    ("cert-no-hukou", "无户口人员情况证明", "Statement for a person without hukou", "SQ-006",
     "配合公安机关为无户口人员登记户口,核实实际居住和身份情况。",
     "Helps the police register people who have no hukou by confirming where they live and who they are.",
     ["无户口", "黑户", "no hukou"]),
    ("cert-collective-hukou", "社区集体户落户接收意见", "Acceptance into the community collective household", "SQ-007",
     "在本区就业或居住但无自有住房的人员,落户社区集体户时由社区出具接收意见。",
     "For people who work or live here without a home of their own and settle in the community collective household.",
     ["集体户", "社区公共户", "collective hukou"]),
    ("cert-conscript", "应征公民政治考核意见", "Opinion for a conscript's political review", "SQ-008",
     "征兵政治考核中,社区配合走访了解应征公民现实表现并出具意见。",
     "In the conscription political review, the community visits and gives its opinion on the candidate.",
     ["政审", "征兵", "conscription"]),
]

# code, name_zh, name_en, reason, instead_zh, instead_en, keywords, related item (or None)
MUST_NOT = [
    ("neg-kinship", "亲属关系证明", "Certificate of kinship", "other-authority",
     "同户亲属关系以户口簿为证;不同户的由公安派出所依户籍档案出具,或到公证处办理亲属关系公证。",
     "The hukou booklet proves kinship within a household; otherwise the police station issues it from the registers, or a notary certifies it.",
     ["亲属关系证明", "亲属证明", "母子关系", "父子关系", "kinship"], "SF-004"),
    ("neg-criminal", "无犯罪记录证明", "Certificate of no criminal record", "other-authority",
     "由公安机关出具,可网上申请。",
     "Issued by the police, online.",
     ["无犯罪记录", "良民证", "no criminal record"], "GA-014"),
    ("neg-income", "收入证明", "Proof of income", "other-authority",
     "由工作单位出具;无工作单位的以个人承诺、银行流水或纳税记录代替。",
     "Issued by the employer; without one, a personal undertaking, bank statements or tax records are used.",
     ["收入证明", "工资证明", "income"], None),
    ("neg-alive", "健在证明(生存证明)", "Proof of life", "not-needed",
     "不需要证明:养老金领取资格通过手机刷脸或数据比对认证,行动不便的由社区上门协助。",
     "Not needed: pension eligibility is confirmed by face recognition or data matching; the community helps at home if needed.",
     ["健在证明", "活着证明", "生存证明", "proof of life"], "RS-024"),
    ("neg-birth", "出生证明", "Proof of birth", "other-authority",
     "由助产医疗机构签发出生医学证明。",
     "The maternity unit issues the medical birth certificate.",
     ["出生证明", "出生证", "birth certificate"], "WJ-001"),
    ("neg-marital", "婚姻状况证明(未婚、单身、离异证明)", "Certificate of marital status", "other-authority",
     "由婚姻登记机关查询婚姻登记档案出具记录证明,或以本人书面声明代替。",
     "The marriage registry issues a record search; otherwise a personal declaration is used.",
     ["单身证明", "未婚证明", "婚姻状况证明", "离婚证明", "marital status"], "MZ-023"),
    ("neg-unemployed", "无业、失业证明", "Certificate of unemployment", "other-authority",
     "办理失业登记,由公共就业服务机构记录就业失业状态。",
     "Register as unemployed; the public employment service records the status.",
     ["无业证明", "失业证明", "待业证明", "unemployed"], "RS-002"),
    ("neg-property", "房产证明、无房证明", "Proof of home ownership or of owning no home", "other-authority",
     "由不动产登记机构查询出具不动产登记信息。",
     "The real estate registry issues a search of registered property.",
     ["无房证明", "房产证明", "住房证明", "home ownership"], None),
    ("neg-hukou", "户籍证明", "Certificate of household registration", "other-authority",
     "以户口簿为证,需要时由公安派出所出具。",
     "The hukou booklet serves; the police station issues a certificate where needed.",
     ["户籍证明", "户口证明", "hukou certificate"], "GA-011"),
    ("neg-education", "学历证明", "Proof of education", "other-authority",
     "由毕业学校出具,或通过学信网查询认证。",
     "Issued by the school, or verified online via the national student information service.",
     ["学历证明", "毕业证明", "education"], None),
    ("neg-health", "身体健康、病情证明", "Certificate of health or illness", "other-authority",
     "由医疗机构出具诊断证明或体检报告。",
     "Hospitals issue diagnosis certificates or health check reports.",
     ["健康证明", "病情证明", "生病证明", "health certificate"], None),
    ("neg-traffic", "交通事故证明", "Proof of a traffic accident", "other-authority",
     "由公安交通管理部门出具交通事故认定书。",
     "The traffic police issue the accident report.",
     ["交通事故证明", "车祸证明", "accident report"], "JJ-004"),
    ("neg-fire", "火灾事故证明", "Proof of a fire", "other-authority",
     "由消防救援机构出具火灾事故认定书或火灾情况证明。",
     "The fire and rescue service issues the fire report.",
     ["火灾证明", "失火证明", "fire report"], None),
    ("neg-premises", "经营场所证明", "Proof of business premises", "not-needed",
     "不需要证明:实行住所(经营场所)申报承诺制,申请人自行申报并承诺。",
     "Not needed: applicants declare their premises themselves under the declaration-and-undertaking system.",
     ["经营场所证明", "住所证明", "business premises"], "SJ-001"),
    ("neg-student-poverty", "学生家庭经济困难证明", "Certificate of a student's family hardship", "not-needed",
     "不需要证明:学生资助由本人(监护人)承诺、学校认定。",
     "Not needed: student aid uses a self-declaration assessed by the school.",
     ["贫困生证明", "助学贷款证明", "家庭困难证明", "student hardship"], "JY-005"),
    ("neg-legal-aid", "法律援助经济困难证明", "Certificate of financial hardship for legal aid", "not-needed",
     "不需要证明:申请人以个人诚信承诺说明经济困难状况,法律援助机构核查。",
     "Not needed: applicants declare their finances by personal undertaking and the legal aid office checks.",
     ["法律援助证明", "经济困难证明", "legal aid"], "SF-001"),
    ("neg-disability", "残疾证明", "Proof of disability", "other-authority",
     "以残疾人证为证,由残联核发。",
     "The disability certificate issued by the Disabled Persons' Federation serves.",
     ["残疾证明", "残疾情况证明", "disability"], "CL-001"),
    ("neg-insurance", "社会保险参保缴费证明", "Proof of social insurance contributions", "other-authority",
     "由社保、医保经办机构出具,可网上自助打印。",
     "Issued by the social or medical insurance office, or printed online.",
     ["社保证明", "参保证明", "缴费证明", "insurance record"], None),
    ("neg-family-planning", "流动人口婚育证明", "Marriage and childbearing certificate for migrants", "not-needed",
     "不需要证明:流动人口婚育证明已取消。",
     "Not needed: this certificate has been abolished.",
     ["婚育证明", "流动人口婚育证", "family planning certificate"], None),
    ("neg-same-person", "同一人证明(曾用名证明)", "Certificate that two names are the same person", "other-authority",
     "由公安派出所根据户籍档案出具。",
     "Issued by the police station from the household registers.",
     ["同一人证明", "曾用名", "改名证明", "former name"], "GA-012"),
]


# ============================================================== build and check
def build():
    items = {it["code"]: it for it in ITEMS}
    events = []
    for code, zh, en, szh, sen, refs in LIFE_EVENTS:
        full = [f"JN-{r}" for r in refs]
        for r in full:
            if code not in items[r]["life_events"]:
                items[r]["life_events"].append(code)
        events.append({"code": code, "name_zh": zh, "name_en": en, "summary_zh": szh, "summary_en": sen, "items": full})
    certs = {
        "source_note": ("社区可以出具的证明事项8项、不得出具的负面清单20项,依据种子文章001(济宁\"界定应开具证明事项8项,负面事项20项\")"
                        "和民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》的常见做法整理,为演示数据。"),
        "may_issue": [{"code": c, "name_zh": zh, "name_en": en, "item": f"JN-{item}", "notes_zh": nzh, "notes_en": nen, "keywords": kw}
                      for c, zh, en, item, nzh, nen, kw in MAY_ISSUE],
        "must_not_issue": [{"code": c, "name_zh": zh, "name_en": en, "reason": r, "instead_zh": izh, "instead_en": ien,
                            "keywords": kw, **({"item": f"JN-{item}"} if item else {})}
                           for c, zh, en, r, izh, ien, kw, item in MUST_NOT],
    }
    return ({"version": VERSION, "items": ITEMS}, {"life_events": events}, certs)


def check(catalog, events, certs) -> list[str]:
    errs = []
    codes = [it["code"] for it in catalog["items"]]
    if len(codes) != len(set(codes)):
        errs.append("duplicate item codes")
    for it in catalog["items"]:
        if not re.fullmatch(r"JN-[A-Z]{2}-\d{3}", it["code"]):
            errs.append(f"{it['code']}: bad code")
        if it["type"] not in TYPES or it["level"] not in LEVELS:
            errs.append(f"{it['code']}: bad type/level")
        if it["promised_days"] > it["legal_days"]:
            errs.append(f"{it['code']}: promised > legal")
        if not 10 <= it["duration_minutes"] <= 60:
            errs.append(f"{it['code']}: duration")
        if len(it["conditions_zh"]) != len(it["conditions_en"]):
            errs.append(f"{it['code']}: conditions")
    for ref in [c["item"] for c in certs["may_issue"]] + [c["item"] for c in certs["must_not_issue"] if "item" in c]:
        if ref not in codes:
            errs.append(f"certificate refers to unknown item {ref}")
    return errs


def dump(path: Path, obj) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=1)
    # keep short lists of strings (keywords, life_events, item codes) on one line
    text = re.sub(r"\[([^\[\]{}]*)\]", lambda m: "[" + re.sub(r"\s*\n\s*", " ", m.group(1)).strip() + "]", text)
    path.write_text(text + "\n", encoding="utf-8")


def main() -> int:
    catalog, events, certs = build()
    errs = check(catalog, events, certs)
    if errs:
        for e in errs:
            print("ERROR:", e, file=sys.stderr)
        return 1
    dump(HERE / "catalog-items.json", catalog)
    dump(HERE / "life-events.json", events)
    dump(HERE / "certificates.json", certs)
    print(f"wrote catalog-items.json ({len(catalog['items'])} items), life-events.json "
          f"({len(events['life_events'])} events), certificates.json "
          f"({len(certs['may_issue'])} may issue, {len(certs['must_not_issue'])} must not)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
